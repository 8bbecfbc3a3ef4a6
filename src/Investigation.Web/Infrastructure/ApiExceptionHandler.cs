using System.Globalization;
using FluentValidation;
using Investigation.Domain;
using Investigation.Workflows.Messages;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Investigation.Web.Infrastructure;

/// <summary>
/// The same refusals for the JSON API, as ProblemDetails: 400 with field errors, 403, 404, 409, 422,
/// in the caller's language (their own choice, else Accept-Language; Chinese by default).
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        // The handler runs outside the localization middleware, whose culture ended with it: take the request's again.
        if (context.Features.Get<IRequestCultureFeature>() is { } language)
            CultureInfo.CurrentUICulture = language.RequestCulture.UICulture;
        ProblemDetails? problem = exception switch
        {
            ValidationException v => new ValidationProblemDetails(v.Errors.GroupBy(e => e.PropertyName)
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray()))
            { Status = 400, Title = Text.T("请求的内容无效。", "The request is not valid."), Detail = v.Errors.Any() ? null : v.Message },
            NotFoundException n => new() { Status = 404, Title = Text.T(n) },
            ForbiddenException f => new() { Status = 403, Title = Text.T(f) },
            ConflictException c => new() { Status = 409, Title = Text.T(c) },
            DomainException d => new() { Status = 422, Title = Text.T(d) },
            BadHttpRequestException b => BindingErrors.Problem(b, context),
            _ => null,
        };
        if (problem is null) return false;
        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new() { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }
}
