using Investigation.Web.Infrastructure;
using Investigation.Workflows;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddInvestigationWorkflows(builder.Configuration);
builder.Services.AddInvestigationWeb(builder.Configuration, builder.Environment);

var app = builder.Build();
// `migrate`: apply the migrations and seed rows, then end (README, "Several nodes").
if (args.Contains("migrate")) return await app.MigrateCommandAsync();
await app.PrepareAsync();
app.UseInvestigationWeb();
app.Run();
return 0;

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
