using Express.Site.Cli;
using Spectre.Console;

return App.Run(args, AnsiConsole.Console);
