from wxlint.cli import main

main()
