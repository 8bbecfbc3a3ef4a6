using Investigation.Web.Infrastructure;
using Investigation.Workflows;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddInvestigationWorkflows(builder.Configuration);
builder.Services.AddInvestigationWeb(builder.Configuration, builder.Environment);

var app = builder.Build();
await app.PrepareAsync();
app.UseInvestigationWeb();
app.Run();

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
