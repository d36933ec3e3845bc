"""fleet: a company's Kubernetes fleet across AWS, GCP and Azure, as a Pulumi program."""
