using Investigation.Web.Infrastructure;
using Investigation.Workflows.Data.Entities;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Investigation.Web.Api;

public sealed record TokenRequest(string? UserName, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

/// <summary>
/// How other systems authenticate: they exchange a user name and password for an Identity bearer
/// token and send it as <c>Authorization: Bearer …</c>. People in the browser keep using the sign-in
/// cookie, for the pages and for same-origin calls to the API.
/// </summary>
public static class AuthEndpoints
{
    /// <summary>The default scheme: the bearer token when the API request carries one, the cookie otherwise.</summary>
    public const string BearerOrCookie = "Identity.BearerOrCookie";

    /// <summary>Bearer tokens are for the API only; a page never accepts one.</summary>
    public static bool UsesBearer(HttpRequest request) =>
        ApiEndpoints.IsApi(request) && request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    public static AuthenticationBuilder AddApiAuthentication(this AuthenticationBuilder builder) => builder
        .AddBearerToken(IdentityConstants.BearerScheme)
        .AddPolicyScheme(BearerOrCookie, null, o => o.ForwardDefaultSelector = c =>
            UsesBearer(c.Request) ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme);

    public static void MapAuthEndpoints(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Authentication").AllowAnonymous();

        auth.MapPost("/token", async Task<Results<EmptyHttpResult, ValidationProblem, ProblemHttpResult>> (TokenRequest request, SignInManager<AppUser> signIn,
                Infrastructure.SignInThrottle throttle, HttpContext http) =>
            {
                var errors = new Dictionary<string, string[]>();
                if (string.IsNullOrWhiteSpace(request.UserName)) errors[nameof(TokenRequest.UserName)] = [Text.T("请填写用户名。", "Give the user name.")];
                else if (request.UserName.Length > MaxUserName)
                    errors[nameof(TokenRequest.UserName)] = [Text.T($"用户名不能超过 {MaxUserName} 个字符。", $"The user name can be at most {MaxUserName} characters long.")];
                if (string.IsNullOrEmpty(request.Password)) errors[nameof(TokenRequest.Password)] = [Text.T("请填写密码。", "Give the password.")];
                // Refused before any check: an overlong password is no attempt at the account, and does not count towards its lockout.
                else if (request.Password.Length > MaxPassword)
                    errors[nameof(TokenRequest.Password)] = [Text.T($"密码不能超过 {MaxPassword} 个字符。", $"The password can be at most {MaxPassword} characters long.")];
                if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: Text.T("请求的内容无效。", "The request is not valid."));
                if (!throttle.TryAttempt(request.UserName, http.Connection.RemoteIpAddress, out var wait))
                {
                    http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests,
                        title: Text.T($"该账户或该地址的登录尝试过多：请 {Math.Ceiling(wait.TotalSeconds)} 秒后再试。", $"Too many sign-in attempts for this account or from this address: try again in {Math.Ceiling(wait.TotalSeconds)} seconds."));
                }
                // The same check as the sign-in page, lockout included: five wrong passwords lock the account.
                signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
                var result = await signIn.PasswordSignInAsync(request.UserName!, request.Password!, isPersistent: false, lockoutOnFailure: true);
                // On success the bearer handler has already written the token response.
                if (result.Succeeded) return TypedResults.Empty;
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title:
                    result.IsLockedOut ? Locked()
                    : result.RequiresTwoFactor ? Text.T("此账号使用双重身份验证登录，API 不支持：请为对接系统使用未启用双重验证的账号。",
                        "This account signs in with two-factor authentication, which the API does not take: use an account for the system without it.")
                    : result.IsNotAllowed ? Text.T("此账号不允许登录。", "This account may not sign in.")
                    : Text.T("用户名或密码错误。", "The user name or password is wrong."));
            })
            .WithName("IssueToken")
            .WithSummary("Exchange a user name and password for a bearer token (获取访问令牌)")
            .WithDescription("Send the token as `Authorization: Bearer <accessToken>`; it expires after `expiresIn` seconds; the refresh token gets a new one. Repeated wrong passwords lock the account, as on the sign-in page.")
            .Produces<AccessTokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        auth.MapPost("/refresh", async Task<Results<SignInHttpResult, ValidationProblem, ProblemHttpResult>> (RefreshRequest request,
                IOptionsMonitor<BearerTokenOptions> options, SignInManager<AppUser> signIn, TimeProvider clock) =>
            {
                if (string.IsNullOrEmpty(request.RefreshToken) || request.RefreshToken.Length > MaxRefreshToken)
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                    {
                        [nameof(RefreshRequest.RefreshToken)] = [string.IsNullOrEmpty(request.RefreshToken)
                            ? Text.T("请提供刷新令牌。", "Give the refresh token.")
                            : Text.T($"刷新令牌不能超过 {MaxRefreshToken} 个字符。", $"The refresh token can be at most {MaxRefreshToken} characters long.")],
                    }, title: Text.T("请求的内容无效。", "The request is not valid."));
                var ticket = options.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
                // A refresh token is worth nothing once expired, or once the user's password, roles or lockout changed.
                if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
                    || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user)
                    return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized,
                        title: Text.T("刷新令牌无效：请重新获取令牌。", "The refresh token is not valid: request a new token."));
                // Locked out (five wrong passwords, on the application's clock, or by an administrator): refused exactly as sign-in is.
                if (signIn.UserManager.SupportsUserLockout && await signIn.UserManager.IsLockedOutAsync(user))
                    return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: Locked());
                if (!await signIn.CanSignInAsync(user))
                    return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: Text.T("此账号不允许登录。", "This account may not sign in."));
                return TypedResults.SignIn(await signIn.CreateUserPrincipalAsync(user), authenticationScheme: IdentityConstants.BearerScheme);
            })
            .WithName("RefreshToken")
            .WithSummary("Exchange a refresh token for a new bearer token (刷新访问令牌)")
            .Produces<AccessTokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
    }

    private const int MaxUserName = 256, MaxPassword = 1_024, MaxRefreshToken = 8_192;

    private static string Locked() => Text.T("账号已锁定（密码错误次数过多，或由管理员锁定）：请稍后再试，或联系管理员。",
        "The account is locked, after too many wrong passwords or by an administrator: try again later, or ask an administrator.");

    /// <summary>
    /// A bearer token carries the roles and unit it was issued with. Like the cookie (checked every
    /// minute), it stops working as soon as the user's security stamp changes: password, roles, lockout.
    /// </summary>
    public static async ValueTask<object?> RequireCurrentUser(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (UsesBearer(http.Request)
            && await http.RequestServices.GetRequiredService<SignInManager<AppUser>>().ValidateSecurityStampAsync(http.User) is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: Text.T("签发此令牌后账号已有变更：请重新获取令牌。", "The account changed since this token was issued: request a new token."));
        return await next(context);
    }

    /// <summary>
    /// The browser sends the cookie with any request, including one another site makes it send, so a
    /// cookie-authenticated call that changes something must prove it comes from our own page: the
    /// X-CSRF-TOKEN header (the layout's csrf-token meta tag). A bearer token is never sent by the
    /// browser on its own, so bearer calls need no such proof.
    /// </summary>
    public static async ValueTask<object?> RequireCsrfTokenWithCookie(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var method = http.Request.Method;
        if (!(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method)) && !UsesBearer(http.Request))
        {
            try
            {
                await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest,
                    title: Text.T("以登录 Cookie 调用的请求须附带 X-CSRF-TOKEN 请求头（页面的 csrf-token）；其他系统请使用访问令牌。",
                        "A call signed in with the cookie must send the X-CSRF-TOKEN header (the page's csrf-token); other systems use a bearer token."));
            }
        }
        return await next(context);
    }
}
