"""`python -m tqcheck` runs the command line."""

from tqcheck.cli import app

app(prog_name="tqcheck")
