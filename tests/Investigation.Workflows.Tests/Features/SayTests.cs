using System.Globalization;
using Investigation.Workflows.Features.Admin;
using Investigation.Workflows.Messages;

namespace Investigation.Workflows.Tests.Procedure;

/// <summary>A validator built once answers each request in that request's language, placeholders and field names included.</summary>
public class SayTests
{
    private static string[] MessagesIn(string culture, ChangeUserRoles.Command command)
    {
        FieldNames.Use();
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try { return Validator.Validate(command).Errors.Select(e => e.ErrorMessage).ToArray(); }
        finally { CultureInfo.CurrentUICulture = before; }
    }

    private static readonly ChangeUserRoles.Validator Validator = new();

    [Fact]
    public void OneValidator_AnswersEachCultureInItsLanguage_WithThePlaceholderFilledIn()
    {
        var command = new ChangeUserRoles.Command("u1", ["Nobody"]);

        Assert.Equal(["“Nobody”不是本系统的角色。"], MessagesIn("zh-CN", command));
        Assert.Equal(["'Nobody' is not a role of this application."], MessagesIn("en", command));
    }

    [Fact]
    public void BuiltInMessages_AreInChinese_WithTheFieldsChineseName()
    {
        var command = new ChangeUserRoles.Command("", ["Auditor"]);

        Assert.Equal(["'用户' 不能为空。"], MessagesIn("zh-CN", command));
        Assert.Equal(["'User Id' must not be empty."], MessagesIn("en", command));
    }
}
