using System.Data.Common;
using Investigation.Domain.Cases;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Data;
using Investigation.Workflows.Procedure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Investigation.Web.Tests.Infrastructure;

/// <summary>
/// The database commands each page sends, counted: a page that starts reading row by row (an N+1) or
/// reading the same row again shows here as a count beyond its bound. What a person waits for on these
/// pages is timed by the web benchmark (bench/), not here; the allocation per request is printed for it.
/// </summary>
public sealed class QueriesPerPageTests(QueriesPerPageTests.CountingApp app, ITestOutputHelper output) : IClassFixture<QueriesPerPageTests.CountingApp>
{
    /// <summary>The web application with every database command sent while serving a request counted.</summary>
    public sealed class CountingApp : WebApp
    {
        public CommandCounter Commands { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services =>
            {
                services.AddHttpContextAccessor();
                services.ConfigureDbContext<SqliteInvestigationDbContext>((sp, o) =>
                    o.AddInterceptors(Commands.For(sp.GetRequiredService<IHttpContextAccessor>()), Commands.OpensFor(sp.GetRequiredService<IHttpContextAccessor>())));
            });
        }
    }

    /// <summary>Counts the commands sent on behalf of a request; the scheduler's and other background work's are left out.</summary>
    public sealed class CommandCounter
    {
        private long count, opens;
        public long Count => Interlocked.Read(ref count);
        /// <summary>Connections opened on behalf of a request.</summary>
        public long Opens => Interlocked.Read(ref opens);
        public Interceptor For(IHttpContextAccessor http) => new(this, http);
        public OpenInterceptor OpensFor(IHttpContextAccessor http) => new(this, http);

        public sealed class OpenInterceptor(CommandCounter counter, IHttpContextAccessor http) : DbConnectionInterceptor
        {
            public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
            {
                if (http.HttpContext is not null) Interlocked.Increment(ref counter.opens);
                return base.ConnectionOpeningAsync(connection, eventData, result, cancellationToken);
            }

            public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
            {
                if (http.HttpContext is not null) Interlocked.Increment(ref counter.opens);
                return base.ConnectionOpening(connection, eventData, result);
            }
        }

        public sealed class Interceptor(CommandCounter counter, IHttpContextAccessor http) : DbCommandInterceptor
        {
            private void Count()
            {
                if (http.HttpContext is not null) Interlocked.Increment(ref counter.count);
            }

            public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
            {
                Count();
                return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
            }

            public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
            {
                Count();
                return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
            }

            public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
            {
                Count();
                return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
            }

            public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
            {
                Count();
                return base.ReaderExecuting(command, eventData, result);
            }
        }
    }

    /// <summary>Commands per request for one page, read several times after a first (warm-up) read; prints the allocation per request too.</summary>
    private async Task<double> CommandsPerRequestAsync(HttpClient client, string url, int times = 20) => (await PerRequestAsync(client, url, times)).Commands;

    /// <summary>Commands and connection opens per request for one page, read several times after a first (warm-up) read.</summary>
    private async Task<(double Commands, double Opens)> PerRequestAsync(HttpClient client, string url, int times = 20)
    {
        var first = await client.GetAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.OK, first.StatusCode);
        var before = app.Commands.Count;
        var opensBefore = app.Commands.Opens;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < times; i++)
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }
        var perRequest = (app.Commands.Count - before) / (double)times;
        var opens = (app.Commands.Opens - opensBefore) / (double)times;
        // The test server's client and this process's other tests allocate too: a figure to compare, not the page's alone.
        output.WriteLine($"{url}: {perRequest:0.##} commands, {opens:0.##} connection opens, {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / times / 1024.0:0} KB allocated per request");
        return (perRequest, opens);
    }

    [Fact]
    public async Task EachPage_SendsAFixedSmallNumberOfCommands()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        await app.Script.RunToAsync(id, CaseStatus.DeterminingResponsibility, new DateOnly(2026, 3, 2));
        var task = await app.Script.TaskAsync(id, TaskKinds.ResponsibilityDetermination, "investigator");
        var client = await app.SignInAsync("investigator");

        var (casePage, casePageOpens) = await PerRequestAsync(client, $"/Cases/Details/{id}");
        var inbox = await CommandsPerRequestAsync(client, "/Tasks");
        var taskPage = await CommandsPerRequestAsync(client, $"/Tasks/Complete/{task}");
        var dashboard = await CommandsPerRequestAsync(client, "/Dashboard");
        var api = await CommandsPerRequestAsync(client, "/api/v1/tasks");

        // The case page: the case row once (not once per query it sends), then each part's rows once.
        // Before: 16, the case row read four times and every account's name for the timeline; then 13, and one more
        // for the decision's execution (the adjustment's and appeals' diagrams), and one to count the timeline's entries
        // (the page reads the newest 200 of them); then 14: the engine's journal is read for administrators only; then 13:
        // the timeline's entries are counted only when the newest 200 may not be all of them; then 12: the diagram reads the
        // investigation's workflow instance and those after the decision in one statement.
        Assert.InRange(casePage, 1, 12);
        // Its four queries on the handler's one connection (PageConnection), and the bell's count while the layout renders.
        // Before: 5, one per query.
        Assert.InRange(casePageOpens, 1, 2);
        // The inbox and the API inbox read the tasks by hand-written statements (GetInbox), not counted here:
        // what is counted is the bell's count and nothing that grows with the page.
        Assert.InRange(inbox, 0, 1);
        // The task, its case and context, and the person's draft of it.
        Assert.InRange(taskPage, 1, 9);
        // Its figures, each circumstance's open and closed cases among them.
        Assert.InRange(dashboard, 1, 7);
        Assert.InRange(api, 0, 0);
    }
}
