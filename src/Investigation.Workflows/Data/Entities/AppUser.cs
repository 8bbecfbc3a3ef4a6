using Microsoft.AspNetCore.Identity;

namespace Investigation.Workflows.Data.Entities;

/// <summary>A person who signs in. Every user belongs to one unit and sees that unit and the units below it.</summary>
public sealed class AppUser : IdentityUser
{
    public Guid UnitId { get; set; }
    public string DisplayName { get; set; } = "";
    /// <summary>The user's language for pages and messages ("zh-CN" or "en").</summary>
    public string Culture { get; set; } = "zh-CN";
}
