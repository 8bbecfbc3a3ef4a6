using AngleSharp.Html.Dom;
using Investigation.Web.Tests.Support;

namespace Investigation.Web.Tests.Tasks;

/// <summary>Posts a task's form as a browser would: every field as it stands (text areas and lists too), with the test's answers.</summary>
internal static class TaskForms
{
    public static string Url(Guid taskId) => $"/Tasks/Complete/{taskId}";

    /// <summary>The form of a kind of task, found by the handler it posts to.</summary>
    public static Task<IHtmlFormElement> FormAsync(HttpClient client, Guid taskId, string handler) =>
        WebApp.FormAsync(client, Url(taskId), $"main form[action*='handler={handler}']");

    /// <param name="set">Fields to answer: each replaces every value the form had under that name.</param>
    /// <param name="add">Further values, for a name that takes several (checked boxes).</param>
    public static FormUrlEncodedContent Fill(IHtmlFormElement form, Dictionary<string, string>? set = null, params (string Name, string Value)[] add)
    {
        set ??= [];
        var replaced = set.Keys.Concat(add.Select(a => a.Name)).ToHashSet();
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && !replaced.Contains(input.Name!)
                                                  && (input.Type is not ("checkbox" or "radio") || input.IsChecked):
                    fields.Add(new(input.Name!, input.Value));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name) && !replaced.Contains(area.Name!):
                    fields.Add(new(area.Name!, area.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name) && !replaced.Contains(select.Name!):
                    fields.Add(new(select.Name!, select.Value ?? ""));
                    break;
            }
        }
        fields.AddRange(set);
        fields.AddRange(add.Select(a => new KeyValuePair<string, string>(a.Name, a.Value)));
        return new FormUrlEncodedContent(fields);
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, IHtmlFormElement form, Dictionary<string, string>? set = null, params (string Name, string Value)[] add) =>
        client.PostAsync(form.GetAttribute("action"), Fill(form, set, add));
}
