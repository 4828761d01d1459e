"""``python -m newsfuse`` runs the CLI."""

from newsfuse.cli import main

main()
