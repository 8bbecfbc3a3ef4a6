using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Investigation.Web.Pages.Tasks.Forms;

public static class FieldErrors
{
    /// <summary>
    /// A form that leaves its blank rows out of the command gets field errors named after the command's
    /// rows: the command's row i is the form's row <paramref name="rows"/>[i]. Moves the errors sent under
    /// <paramref name="from"/> to the fields the person filled in, under <paramref name="to"/>.
    /// </summary>
    public static void Move(this ModelStateDictionary state, string from, string to, IReadOnlyList<(string List, IReadOnlyList<int> Rows)> lists)
    {
        var sent = state.Where(e => e.Key == from || e.Key.StartsWith(from + ".", StringComparison.Ordinal))
            .SelectMany(e => e.Value!.Errors.Select(x => (e.Key, x.ErrorMessage))).ToList();
        foreach (var key in sent.Select(s => s.Key).Distinct().ToList()) state.Remove(key);
        foreach (var (key, message) in sent)
            state.AddModelError(lists.Aggregate(to + key[from.Length..], (k, l) => Renumber(k, $"{to}.{l.List}[", l.Rows)), message);
    }

    private static string Renumber(string key, string rowPrefix, IReadOnlyList<int> rows)
    {
        if (!key.StartsWith(rowPrefix, StringComparison.Ordinal)) return key;
        var close = key.IndexOf(']', rowPrefix.Length);
        return close > 0 && int.TryParse(key[rowPrefix.Length..close], out var i) && i < rows.Count
            ? $"{rowPrefix}{rows[i]}{key[close..]}"
            : key;
    }

    /// <summary>The messages of a field and of everything under it (a list's rows), for fields that take many values.</summary>
    public static IEnumerable<string> Under(this ModelStateDictionary state, string key) =>
        state.Where(e => e.Key == key || e.Key.StartsWith(key + "[", StringComparison.Ordinal) || e.Key.StartsWith(key + ".", StringComparison.Ordinal))
            .SelectMany(e => e.Value!.Errors.Select(x => x.ErrorMessage)).Distinct();

    /// <summary>Lines of a text area, as the list a command takes (blank lines dropped).</summary>
    public static List<string> Lines(string? text) =>
        (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
}
