using Investigation.Workflows.Data;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Web.Infrastructure;

/// <summary>
/// A page's GET handler sends its queries on one open connection. Each query's handler otherwise opens
/// and closes its own (TransactionBehavior), and on SQLite each open registers EF Core's SQL functions
/// with the native connection and each close removes them again: 4.8 % of the case page's CPU for its
/// five opens (bench/FIGURES.md). Closed when the handler returns, before the page renders, so a slow
/// reader of the page never holds a pooled connection. Posts are left to their commands' transactions.
/// </summary>
public sealed class PageConnection(InvestigationDbContext db) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!HttpMethods.IsGet(context.HttpContext.Request.Method))
        {
            await next();
            return;
        }
        // EF Core counts opens: the queries' own open and close inside are no-ops while this one holds it.
        await db.Database.OpenConnectionAsync(context.HttpContext.RequestAborted);
        try
        {
            await next();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
