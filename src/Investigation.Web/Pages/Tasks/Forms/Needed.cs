using System.ComponentModel.DataAnnotations;
using Investigation.Web.Infrastructure;

namespace Investigation.Web.Pages.Tasks.Forms;

/// <summary>
/// A choice the form cannot guess for the person (accept or reject, responsible or not...): the
/// command has no "not chosen" value, so the page asks for it before sending, in the user's language.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NeededAttribute(string zh, string en) : RequiredAttribute
{
    public override string FormatErrorMessage(string name) => Text.T(zh, en);
}
