"""`python -m gongkai_cli` runs the command line."""

from gongkai_cli.cli import main

main()
