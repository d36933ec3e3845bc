"""What must exist before a stack's first `pulumi up`, per cloud account, project and subscription."""
