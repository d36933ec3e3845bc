"""What the upgrade waves (stacks/waves.yaml) render where a cloud orders upgrades itself."""
