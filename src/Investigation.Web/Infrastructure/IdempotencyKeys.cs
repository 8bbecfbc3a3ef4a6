using Investigation.Workflows.Pipeline;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Investigation.Web.Infrastructure;

/// <summary>
/// Where a request's idempotency key comes from; what it does is the command pipeline's (TransactionBehavior,
/// Idempotency): a write sent again under the same key by the same user answers what it answered the first
/// time and changes nothing. The API takes the Idempotency-Key header; every page form carries a key made
/// when the form was rendered (<see cref="IdempotencyKeyTagHelper"/>), so pressing Submit twice, or nginx
/// resending a POST whose node died, does the step once. Requests without a key work as before.
/// </summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";
    public const string FormField = "__IdempotencyKey";

    /// <summary>The header, on any request (API and pages alike).</summary>
    public static WebApplication UseInvestigationIdempotencyKeys(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.Headers[Header] is [{ } key])
                context.RequestServices.GetRequiredService<IdempotencyScope>().Key = Valid(key);
            else if (context.Request.Headers[Header].Count > 1) Valid("");
            await next();
        });
        return app;
    }

    private static string Valid(string key) => IdempotencyScope.IsValidKey(key) ? key : throw new FluentValidation.ValidationException(
    [
        new(Header, Text.T($"Idempotency-Key 须为 1 至 {IdempotencyScope.MaxKeyLength} 个可见 ASCII 字符，且只能有一个。",
            $"Idempotency-Key must be one value of 1 to {IdempotencyScope.MaxKeyLength} visible ASCII characters.")),
    ]);

    /// <summary>The form's key, read once the form is bound and before the page's handler sends its command.</summary>
    public sealed class PageFilter : IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            var request = context.HttpContext.Request;
            if (request.HasFormContentType && request.Form[FormField] is [{ } key])
            {
                if (!IdempotencyScope.IsValidKey(key))
                {
                    context.Result = new BadRequestResult();
                    return;
                }
                // The form's key wins over the header nginx adds (its request id): pressing Submit twice is two requests.
                context.HttpContext.RequestServices.GetRequiredService<IdempotencyScope>().Key = key;
            }
            await next();
        }
    }
}

/// <summary>Every form that posts carries a fresh idempotency key, made when the form is rendered (as the antiforgery token is).</summary>
[HtmlTargetElement("form", Attributes = "method")]
public sealed class IdempotencyKeyTagHelper : TagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var method = output.Attributes["method"]?.Value?.ToString() ?? context.AllAttributes["method"]?.Value?.ToString();
        if (!string.Equals(method, "post", StringComparison.OrdinalIgnoreCase)) return;
        output.PostContent.AppendHtml($"<input type=\"hidden\" name=\"{IdempotencyKeys.FormField}\" value=\"{Guid.NewGuid():N}\" />");
    }
}
