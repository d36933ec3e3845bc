"""Documents written in formats: one block model, one writer per markup, one escaping path.

The review (the pull-request comment) and the evidence (for auditors) are laid out once as blocks
(``fleet.report.blocks``) and written by ``fleet.report.markdown`` or ``fleet.report.page``; every
value from a stack file passes through the writers' escaping, so no name in a spec can close a
section, open a link, mention a team or load an image. Each document keeps its formats beside its
renderers (``FORMATS`` in ``fleet.review.report`` and ``fleet.evidence.report``).
"""
