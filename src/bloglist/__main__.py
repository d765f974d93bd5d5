"""``python -m bloglist``: the command, as ``bloglist`` runs it."""

from ._cli import console

if __name__ == "__main__":
    console()
