"""Pulumi entry point: the program itself lives in fleet.program."""

from fleet.program import main

main()
