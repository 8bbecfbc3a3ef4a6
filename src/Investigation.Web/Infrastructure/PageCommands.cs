using FluentValidation;
using Investigation.Domain;
using Investigation.Workflows.Messages;
using MediatR;
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

    /// <summary>
    /// A list page's query (page, order, filters) sent as asked. A value out of range or unreadable is refused with its
    /// message on the page (400), never clamped to another page than the one asked for.
    /// </summary>
    public static async Task<IActionResult> ListAsync<T>(this PageModel page, IMediator mediator, IRequest<T> query, Action<T> show)
    {
        var unreadable = page.ModelState.Where(e => e.Value!.Errors.Count > 0).Select(e => e.Key).ToList();
        if (unreadable.Count > 0)
        {
            // The framework's own message is English and names .NET types: said again in the person's language.
            page.ModelState.Clear();
            foreach (var key in unreadable)
                page.ModelState.AddModelError(key, Text.T($"参数“{key}”的值无法识别。", $"The value of the parameter '{key}' cannot be read."));
        }
        else
        {
            var sent = await page.SendAsync(mediator, query, r => { show(r); return page.Page(); }, fieldPrefix: "");
            if (sent is not PageResult) return sent;
        }
        // A refusal that set its own status (403: not this person's to see) keeps it.
        if (!page.ModelState.IsValid && page.HttpContext.Response.StatusCode == StatusCodes.Status200OK)
            page.HttpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        return page.Page();
    }

    /// <summary>
    /// When the form itself could not be read whole (a choice not made, a date that is not one), the command
    /// is not sent; its validators still run, so that the person sees every message at once, not one per submit.
    /// A field that already has the form's own message keeps just that one.
    /// </summary>
    public static async Task ValidateOnlyAsync(this PageModel page, object request, string fieldPrefix = "Input")
    {
        // By the request's own type: callers often hold it as IRequest<T>, which has no validators.
        var validators = page.HttpContext.RequestServices.GetServices(typeof(IValidator<>).MakeGenericType(request.GetType())).OfType<IValidator>();
        foreach (var validator in validators)
            foreach (var error in (await validator.ValidateAsync(new ValidationContext<object>(request), page.HttpContext.RequestAborted)).Errors)
            {
                var key = string.IsNullOrEmpty(fieldPrefix) ? error.PropertyName : $"{fieldPrefix}.{error.PropertyName}";
                if (page.ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0) continue;
                page.ModelState.AddModelError(key, error.ErrorMessage);
            }
    }
}
