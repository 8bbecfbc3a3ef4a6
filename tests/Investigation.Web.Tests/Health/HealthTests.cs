using System.Net;
using System.Text.Json;
using Investigation.Web.Tests.Support;

namespace Investigation.Web.Tests.Health;

/// <summary>Liveness and readiness answer without sign-in, in the form load balancers read: 200 or 503, and JSON saying why.</summary>
public sealed class HealthTests(WebApp app) : IClassFixture<WebApp>
{
    [Fact]
    public async Task Live_AndReady_AnswerWithoutSignIn()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var live = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);

        var ready = await client.GetAsync("/health/ready");
        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("The deadline scheduler runs.", body.GetProperty("checks").GetProperty("scheduler").GetProperty("description").GetString());
    }
}

/// <summary>A node started with Database:MigrateAtStart=false on a database nobody has migrated yet.</summary>
public sealed class UnmigratedWebApp : WebApp
{
    private readonly string empty = Path.Combine(Directory.CreateTempSubdirectory("investigation-unmigrated-").FullName, "empty.db");

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:Investigation", $"Data Source={empty}");
        builder.UseSetting("Database:MigrateAtStart", "false");
        builder.UseSetting("Demo:Enabled", "false");
    }
}

/// <summary>Until the migrations are applied (the `migrate` step), the node is live but not ready, and says why.</summary>
public sealed class HealthWithoutSchemaTests(UnmigratedWebApp app) : IClassFixture<UnmigratedWebApp>
{
    [Fact]
    public async Task Ready_IsServiceUnavailable_UntilMigrationsAreApplied()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var ready = await client.GetAsync("/health/ready");
        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Contains("Migrations not applied", body.GetProperty("checks").GetProperty("database").GetProperty("description").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);

        await Investigation.Workflows.Data.DatabaseInitialiser.MigrateAsync(app.Services);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }
}
