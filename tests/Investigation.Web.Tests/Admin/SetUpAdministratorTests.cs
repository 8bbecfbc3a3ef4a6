using System.Net;
using Investigation.Web.Infrastructure;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Identity;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Web.Tests.Admin;

/// <summary>A production start on an empty database, and the first administrator made by the documented command.</summary>
public sealed class SetUpAdministratorTests : IDisposable
{
    private readonly FirstDayApp app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task ProductionStart_OnAnEmptyDatabase_WritesTheSchemaOnly_ThenSetupAdminCreatesTheAdministratorOnce()
    {
        using (app.CreateClient()) { }
        Assert.Equal((0, 0, 0, 0, 0), await app.ReadAsync(async db =>
            (await db.Units.CountAsync(), await db.People.CountAsync(), await db.Cases.CountAsync(), await db.Users.CountAsync(), await db.AuditEntries.CountAsync())));
        Assert.Equal(Roles.All.Count, await app.ReadAsync(db => db.Roles.CountAsync()));

        var first = await app.RunCommandAsync(FirstDayApp.Password, null, "setup-admin", "--user", "root", "--name", "系统管理员");
        var second = await app.RunCommandAsync(null, new() { [ConsoleCommands.PasswordVariable] = FirstDayApp.Password }, "setup-admin", "--user", "intruder");

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("已有管理员", second.Output);
        Assert.Equal(["root"], await app.ReadAsync(db => db.Users.Select(u => u.UserName!).ToListAsync()));
        var audit = await app.AuditAsync();
        var entry = Assert.Single(audit);
        Assert.Equal(("SetUpAdministrator", "console"), (entry.Action, entry.Actor));
        Assert.DoesNotContain(FirstDayApp.Password, entry.Data);
        var signIn = await app.TrySignInAsync(app.NewClient(), "root", FirstDayApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Fact]
    public async Task SetupAdmin_WithThePasswordOnTheCommandLine_IsRefused_AndCreatesNoOne()
    {
        var result = await app.RunCommandAsync(null, null, "setup-admin", "--user", "root", "--password", FirstDayApp.Password);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("never given on the command line", result.Output);
        Assert.Equal(0, await app.ReadAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task SetupAdmin_WithAWeakPassword_SaysWhy_AndCreatesNoOne()
    {
        var result = await app.RunCommandAsync("short", null, "setup-admin", "--user", "root");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Password", result.Output);
        Assert.Equal(0, await app.ReadAsync(db => db.Users.CountAsync()));
    }
}
