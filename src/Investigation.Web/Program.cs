using Investigation.Web.Infrastructure;
using Investigation.Workflows;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddInvestigationWorkflows(builder.Configuration);
builder.Services.AddInvestigationWeb(builder.Configuration, builder.Environment);

var app = builder.Build();
// A command (migrate, setup-admin, backup, verify-audit, organisation-file) runs instead of the server:
// see README, Deploy.
if (ConsoleCommands.Find(args) is not null)
{
    Environment.ExitCode = await ConsoleCommands.RunAsync(app, args, Console.In, Console.Out);
    return;
}
await app.PrepareAsync();
app.UseInvestigationWeb();
app.Run();

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
