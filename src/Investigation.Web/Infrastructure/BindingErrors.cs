using System.Text.Json;
using System.Text.RegularExpressions;
using FluentValidation;
using Investigation.Workflows.Evidence;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Investigation.Web.Infrastructure;

/// <summary>A page whose posts carry evidence files: its bodies may be as large as the largest evidence file allowed.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AcceptsEvidenceFilesAttribute : Attribute;

/// <summary>
/// A request the API could not even read into its command (unreadable JSON, a wrong type, a value no enum
/// has, no body, a query value that is not a number) answers as a validation error does: 400 with the
/// field it concerns and a message in the caller's language, not the framework's English naming .NET types.
/// The framework gives no structured reason, so its message and the JSON path are read here.
/// </summary>
public static partial class BindingErrors
{
    /// <summary>The key of an error about the body as a whole (its JSON path).</summary>
    public const string Body = "$";

    /// <summary>The largest request body accepted; ample for the longest texts the validators allow.</summary>
    public const long MaxBodyBytes = 2 * 1024 * 1024;

    public static ValidationException MissingBody() =>
        new([new(Body, Text.T("请求须附带 JSON 内容（一个对象），不能为空或 null。", "The request needs a JSON body (an object), not nothing or null."))]);

    public static ProblemDetails Problem(BadHttpRequestException b, HttpContext context)
    {
        if (b.StatusCode == StatusCodes.Status413PayloadTooLarge) return TooLarge(LimitOf(context));
        if (b.StatusCode != StatusCodes.Status400BadRequest)
            return new() { Status = b.StatusCode, Title = Text.T("无法处理该请求。", "The request cannot be processed.") };
        // The exception handler runs with the endpoint cleared; the feature keeps the one that failed, whose body type names the expected values.
        var (field, message) = b.InnerException is JsonException json
            ? Json(json, (context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint())
                ?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.RequestType)
            : Parameter(b.Message);
        return new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = 400, Title = Text.T("请求的内容无效。", "The request is not valid."),
        };
    }

    public static ProblemDetails TooLarge(long limit = MaxBodyBytes) => new()
    {
        Status = StatusCodes.Status413PayloadTooLarge,
        Title = Text.T($"请求内容过大：上限为 {limit / 1024 / 1024} MB。", $"The request body is too large: the limit is {limit / 1024 / 1024} MB."),
    };

    /// <summary>
    /// Refuses a body larger than the endpoint's cap before anyone reads it: a clean 413 instead of a read that
    /// fails half-way. The cap is <see cref="MaxBodyBytes"/>, or, for a page that takes evidence files
    /// (<see cref="AcceptsEvidenceFilesAttribute"/>), the largest evidence file plus the form around it. Runs after
    /// routing, so the endpoint is known; the error page shows the cap that refused the body.
    /// </summary>
    public static async Task CapBodyAsync(HttpContext context, Func<Task> next)
    {
        // The error page re-executed for a 413 this refused: it reads no body, and must be let through to say why.
        if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null)
        {
            await next();
            return;
        }
        var limit = LimitOf(context);
        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = limit;
        if (context.Request.ContentLength > limit)
        {
            context.Items[LimitKey] = limit;
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            if (Api.ApiEndpoints.IsApi(context.Request))
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new() { HttpContext = context, ProblemDetails = TooLarge(limit) });
            return;
        }
        await next();
    }

    /// <summary>The body cap of the request's endpoint, in bytes.</summary>
    public static long LimitOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<AcceptsEvidenceFilesAttribute>() is null
            ? MaxBodyBytes
            : context.RequestServices.GetRequiredService<IOptions<EvidenceOptions>>().Value.MaxBytes + MaxBodyBytes;

    /// <summary>The cap that refused the body, for the error page (it runs for the same request).</summary>
    public static long RefusedLimit(HttpContext context) => context.Items.TryGetValue(LimitKey, out var l) && l is long limit ? limit : MaxBodyBytes;

    private const string LimitKey = "investigation.body-limit";

    private static (string Field, string Message) Json(JsonException e, Type? bodyType)
    {
        var field = FieldOf(e.Path);
        // The reader's own errors (not JSON at all, cut short, nested too deep, not UTF-8) are about the text, not a field's value.
        if (e.InnerException is JsonException || e.Message.Contains("depth", StringComparison.OrdinalIgnoreCase))
            return (Body, Text.T($"请求内容不是可读的 JSON（格式错误、不完整或嵌套过深），出错位置：{e.Path ?? "$"}。",
                $"The body is not readable JSON (malformed, incomplete or nested too deeply), at {e.Path ?? "$"}."));
        if (e.InnerException is InvalidOperationException && e.InnerException.Message.Contains("UTF-8"))
            return (field, Text.T("内容不是有效的 UTF-8 文本。", "The text is not valid UTF-8."));
        if (field == Body)
            return (Body, Text.T("请求内容须为一个 JSON 对象。", "The body must be a JSON object."));
        var expected = TypeAt(bodyType, e.Path!) is { } type ? Expected(type) : ((string Zh, string En)?)null;
        return (field, expected is { } x
            ? Text.T($"“{field}”的值无效：{x.Zh}。", $"'{field}' is not valid: {x.En}.")
            : Text.T($"“{field}”的值无效。", $"'{field}' is not valid."));
    }

    /// <summary>"$.findings[0].evidence" as the validators name it: "Findings[0].Evidence".</summary>
    private static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return Body;
        var parts = path.TrimStart('$').TrimStart('.').Split('.');
        return string.Join(".", parts.Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
    }

    /// <summary>The type of the value at a JSON path of the body ("$.findings[0].responsible"), found on the body's type.</summary>
    private static Type? TypeAt(Type? type, string path)
    {
        foreach (var segment in path.TrimStart('$').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bracket = segment.IndexOf('[');
            var name = bracket < 0 ? segment : segment[..bracket];
            type = type?.GetProperty(name, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase)?.PropertyType;
            for (var i = 0; bracket >= 0 && type is not null && i < segment.Count(c => c == '['); i++) type = ElementOf(type);
        }
        return type;
    }

    private static Type? ElementOf(Type type) => type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    /// <summary>What the value should have been, said without naming .NET types.</summary>
    private static (string Zh, string En) Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(bool)) return ("须为 true 或 false", "it must be true or false");
        if (type == typeof(int) || type == typeof(long) || type == typeof(decimal) || type == typeof(double))
            return ("须为允许范围内的数字", "it must be a number within range");
        if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
            return ("须为带时差的 ISO 8601 时间，如 2026-03-01T09:30:00+08:00", "it must be an ISO 8601 time with its offset, such as 2026-03-01T09:30:00+08:00");
        if (type == typeof(DateOnly)) return ("须为实际存在的日期，如 2026-03-01", "it must be a real date, such as 2026-03-01");
        if (type == typeof(Guid)) return ("须为 GUID 标识", "it must be a GUID");
        if (type == typeof(string)) return ("须为文本", "it must be a text");
        if (type.IsEnum)
        {
            var names = string.Join(", ", Enum.GetNames(type));
            return ($"须为以下值之一：{names}", $"it must be one of: {names}");
        }
        if (ElementOf(type) is not null) return ("须为数组", "it must be an array");
        return ("须为 JSON 对象", "it must be a JSON object");
    }

    private static (string Field, string Message) Parameter(string message)
    {
        if (BindFailed().Match(message) is { Success: true } m)
        {
            var value = m.Groups[2].Value.Length > 100 ? m.Groups[2].Value[..100] + "…" : m.Groups[2].Value;
            return (m.Groups[1].Value, Text.T($"参数“{m.Groups[1].Value}”的值“{value}”无效。", $"The parameter '{m.Groups[1].Value}' has an invalid value '{value}'."));
        }
        if (RequiredMissing().Match(message) is { Success: true } r && !r.Groups[2].Value.Contains("body"))
            return (r.Groups[1].Value, Text.T($"缺少参数“{r.Groups[1].Value}”。", $"The parameter '{r.Groups[1].Value}' is missing."));
        return (Body, MissingBody().Errors.First().ErrorMessage);
    }

    [GeneratedRegex("^Failed to bind parameter \"[^\"]* (\\w+)\" from \"(.*)\"\\.$", RegexOptions.Singleline)]
    private static partial Regex BindFailed();

    [GeneratedRegex("^Required parameter \"[^\"]* (\\w+)\" was not provided from (.*)\\.$")]
    private static partial Regex RequiredMissing();
}
