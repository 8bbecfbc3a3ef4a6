using System.Net;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Investigation.Web.Tests.Account;

/// <summary>SQLite gives up on a busy file after one second here (thirty by default), so that a write that met the lock fails at once.</summary>
public sealed class ImpatientWebApp : WebApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:Investigation", $"Data Source={DatabasePath};Default Timeout=1");
    }
}

/// <summary>
/// A save outside any command (Identity counting a wrong password) queues on the write gate like a command,
/// instead of meeting a long write in SQLite's own lock: the failure seen in loaded full-suite runs, where the
/// sign-in page answered without its form.
/// </summary>
public sealed class SignInWhileTheFileIsBusyTests(ImpatientWebApp app) : IClassFixture<ImpatientWebApp>
{
    [Fact]
    public async Task A_wrong_password_while_a_long_write_holds_the_file_waits_its_turn_and_is_counted()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var form = await WebApp.FormAsync(client, "/Account/Login");

        // A command's transaction, as TransactionBehavior holds it: the gate's turn and SQLite's write lock.
        await using var writer = new SqliteConnection($"Data Source={app.DatabasePath}");
        await writer.OpenAsync();
        var turn = await SqliteWriteGate.EnterAsync(writer);
        HttpResponseMessage answer;
        await using (var hold = writer.CreateCommand())
        {
            hold.CommandText = "BEGIN IMMEDIATE";
            await hold.ExecuteNonQueryAsync();
            var signIn = client.PostAsync("/Account/Login", WebApp.Fields(form, new() { ["Input.UserName"] = "investigator", ["Input.Password"] = "wrong" }));

            // Either the sign-in queues behind the held turn, or (without the gate) it meets the lock and fails after a second.
            while (SqliteWriteGate.Waiting(writer) == 0 && !signIn.IsCompleted) await Task.Delay(10);
            Assert.False(signIn.IsCompleted, $"The sign-in did not wait for the write ({signIn.Status}).");

            hold.CommandText = "ROLLBACK";
            await hold.ExecuteNonQueryAsync();
            turn.Dispose();
            answer = await signIn.WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var page = await WebApp.ParseAsync(answer);
        Assert.NotNull(page.QuerySelector("main form[method=post], form[method=post]"));
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.Equal(1, await users.GetAccessFailedCountAsync((await users.FindByNameAsync("investigator"))!));
    }
}
