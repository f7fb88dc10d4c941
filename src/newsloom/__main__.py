from newsloom.cli import run

run()
