using Investigation.Web.Api;
using Investigation.Workflows.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;

namespace Investigation.Web.Infrastructure;

public static class WebSetup
{
    public static IServiceCollection AddInvestigationWeb(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        services.AddInvestigationIdentity()
            .AddSignInManager<AppSignInManager>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<AppClaimsFactory>();
        // People sign in with the cookie; other systems call the API with a bearer token (Api/AuthEndpoints).
        services.AddAuthentication(AuthEndpoints.BearerOrCookie).AddApiAuthentication().AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.Name = "investigation";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            // The API answers with status codes, not redirects to the sign-in page.
            o.Events.OnRedirectToLogin = c => Deny(c, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = c => Deny(c, StatusCodes.Status403Forbidden);
        });
        // A role or unit change takes effect within a minute, not at the next sign-in.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddInvestigationDataProtection(configuration);

        services.AddAuthorization(o => o.FallbackPolicy = new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddRazorPages(o =>
        {
            // Anonymous page by page: a folder-wide exception would also open /Account/Manage.
            foreach (var page in new[] { "/Account/Login", "/Account/LoginWith2fa", "/Account/Logout", "/Account/AccessDenied", "/Account/Language" })
                o.Conventions.AllowAnonymousToPage(page);
        }).AddMvcOptions(o =>
        {
            // A field left empty is the command's validator's to refuse, in the user's language; MVC's own
            // implicit "The Name field is required." came first, in English only.
            o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
            o.Filters.Add<IdempotencyKeys.PageFilter>();
            o.Filters.Add<PageConnection>();
            // What the model binder says of a value it cannot read (a date, a number, a choice), in the user's language.
            var said = o.ModelBindingMessageProvider;
            said.SetAttemptedValueIsInvalidAccessor((value, field) => Text.T($"“{value}”不是有效的值。", $"The value '{value}' is not valid for {field}."));
            said.SetValueIsInvalidAccessor(value => Text.T($"“{value}”无效。", $"The value '{value}' is invalid."));
            said.SetValueMustBeANumberAccessor(field => Text.T("请输入数字。", $"The field {field} must be a number."));
            said.SetValueMustNotBeNullAccessor(value => Text.T("请填写此项。", $"The value '{value}' is invalid."));
            said.SetMissingBindRequiredValueAccessor(field => Text.T("请填写此项。", $"A value for the '{field}' parameter or property was not provided."));
            said.SetMissingKeyOrValueAccessor(() => Text.T("请填写此项。", "A value is required."));
            said.SetUnknownValueIsInvalidAccessor(field => Text.T("所填的值无效。", $"The supplied value is invalid for {field}."));
            said.SetNonPropertyAttemptedValueIsInvalidAccessor(value => Text.T($"“{value}”不是有效的值。", $"The value '{value}' is not valid."));
            said.SetNonPropertyUnknownValueIsInvalidAccessor(() => Text.T("所填的值无效。", "The supplied value is invalid."));
            said.SetNonPropertyValueMustBeANumberAccessor(() => Text.T("请输入数字。", "The field must be a number."));
        });
        services.AddAntiforgery(o => o.HeaderName = "X-CSRF-TOKEN");
        // Chinese text is written as text, not as numeric entities (it is still HTML-encoded).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddInvestigationApi();
        services.AddJobsDashboard();
        services.AddInvestigationHealth();
        services.AddInvestigationHardening(configuration);
        services.AddSingleton<SignInThrottle>();
        services.AddInvestigationObservability(configuration);
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = Text.Cultures;
            o.SupportedUICultures = Text.Cultures;
            // The signed-in user's own choice first, then the language cookie, then the browser's.
            o.RequestCultureProviders.Insert(0, new CustomRequestCultureProvider(c =>
                Task.FromResult(c.User.FindFirst(AppClaimsFactory.Culture)?.Value is { Length: > 0 } culture
                    ? new ProviderCultureResult(culture) : null)));
        });
        return services;
    }

    private static Task Deny(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> c, int status)
    {
        if (c.Request.Path.StartsWithSegments("/api")) c.Response.StatusCode = status;
        else c.Response.Redirect(c.RedirectUri);
        return Task.CompletedTask;
    }

    public static WebApplication UseInvestigationWeb(this WebApplication app)
    {
        app.UseInvestigationForwardedHeaders();
        app.UseExceptionHandler();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        // An empty error response becomes the error page, or ProblemDetails JSON for the API.
        app.UseWhen(c => !ApiEndpoints.IsApi(c.Request), b => b.UseStatusCodePagesWithReExecute("/Error/{0}"));
        app.UseWhen(c => ApiEndpoints.IsApi(c.Request), b => b.UseStatusCodePages());
        app.UseStaticFiles();
        app.UseInvestigationDocsGuard();
        app.UseInvestigationApiDocs();
        app.UseRouting();
        // Every request body is capped, for the pages and the API alike: after the status-code pages, so that a page's 413
        // is the error page with its limit, and after routing, so that a page taking evidence files gets their larger cap.
        app.Use((context, next) => BindingErrors.CapBodyAsync(context, () => next()));
        app.UseAuthentication();
        // After authentication, so the signed-in user's own language (a claim) is known to choose by.
        app.UseRequestLocalization();
        app.UseAuthorization();
        // Each request's commands are sent as the signed-in user.
        app.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated == true)
                context.RequestServices.GetRequiredService<CurrentActor>().Actor = AppClaimsFactory.ActorOf(context.User);
            await next();
        });
        // A write resent under the same key is answered, not done again (IdempotencyKeys).
        app.UseInvestigationIdempotencyKeys();
        app.MapRazorPages();
        app.MapInvestigationApi();
        app.MapJobsDashboard();
        app.MapInvestigationHealth();
        return app;
    }
}
