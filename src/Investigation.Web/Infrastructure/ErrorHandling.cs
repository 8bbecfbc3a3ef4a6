using System.Globalization;
using FluentValidation;
using Investigation.Domain;
using Investigation.Workflows.Pipeline;
using MediatR;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Investigation.Web.Infrastructure;

/// <summary>
/// How a refused command reaches a person: field messages next to the fields, rule and conflict
/// messages at the top of the form, "not found" for what they may not see. Nothing was written.
/// </summary>
public static class PageCommands
{
    public static async Task<IActionResult> SendAsync<T>(this PageModel page, IMediator mediator, IRequest<T> request,
        Func<T, IActionResult> onSuccess, string fieldPrefix = "Input")
    {
        try
        {
            return onSuccess(await mediator.Send(request, page.HttpContext.RequestAborted));
        }
        catch (ValidationException e)
        {
            foreach (var error in e.Errors)
                page.ModelState.AddModelError(string.IsNullOrEmpty(fieldPrefix) ? error.PropertyName : $"{fieldPrefix}.{error.PropertyName}", error.ErrorMessage);
            if (!e.Errors.Any()) page.ModelState.AddModelError("", e.Message);
        }
        catch (Exception e) when (e is DomainException or ConflictException)
        {
            page.ModelState.AddModelError("", Text.T(e));
        }
        catch (NotFoundException)
        {
            return page.NotFound();
        }
        catch (ForbiddenException e)
        {
            page.ModelState.AddModelError("", Text.T(e));
            page.HttpContext.Response.StatusCode = StatusCodes.Status403Forbidden;
        }
        return page.Page();
    }
}

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
            BadHttpRequestException b => new() { Status = b.StatusCode, Title = b.Message, Detail = b.InnerException?.Message },
            _ => null,
        };
        if (problem is null) return false;
        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new() { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }
}
