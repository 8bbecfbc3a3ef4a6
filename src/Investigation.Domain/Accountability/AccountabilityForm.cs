namespace Investigation.Domain.Accountability;

/// <summary>Who a measure is aimed at: a Party organisation (its leadership team) or a leading cadre.</summary>
public enum TargetKind
{
    Organisation,
    Cadre,
}

/// <summary>The forms of accountability of the CPC Accountability Regulations (2019), Article 8.</summary>
public enum AccountabilityForm
{
    /// <summary>检查: written self-examination and rectification (organisations).</summary>
    Inspection,
    /// <summary>通报: circulated criticism (organisations and cadres).</summary>
    CirculatedCriticism,
    /// <summary>改组: reorganisation (organisations).</summary>
    Reorganisation,
    /// <summary>诫勉: admonishment (cadres).</summary>
    Admonishment,
    /// <summary>组织调整或者组织处理: suspension for examination, reassignment, ordered resignation, demotion, removal (cadres).</summary>
    OrganisationalAdjustment,
    /// <summary>纪律处分: disciplinary sanction (cadres).</summary>
    DisciplinarySanction,
}

public static class AccountabilityForms
{
    public static readonly Citation Article8 = Citation.OfAccountabilityRegulations("第八条 / Article 8",
        "对党组织的问责，根据危害程度以及具体情况，可以采取检查、通报、改组方式；对党的领导干部的问责，根据危害程度以及具体情况，可以采取通报、诫勉、组织调整或者组织处理、纪律处分方式。上述问责方式，可以单独使用，也可以依据规定合并使用。",
        "Party organisations may be held accountable by inspection, circulated criticism or reorganisation; leading cadres by circulated criticism, admonishment, organisational adjustment or handling, or disciplinary sanction. The forms may be used alone or together.");

    public static IReadOnlyList<AccountabilityForm> AllowedFor(TargetKind target) => target switch
    {
        TargetKind.Organisation => [AccountabilityForm.Inspection, AccountabilityForm.CirculatedCriticism, AccountabilityForm.Reorganisation],
        TargetKind.Cadre => [AccountabilityForm.CirculatedCriticism, AccountabilityForm.Admonishment, AccountabilityForm.OrganisationalAdjustment, AccountabilityForm.DisciplinarySanction],
        _ => throw new ArgumentOutOfRangeException(nameof(target)),
    };

    public static bool IsAllowedFor(this AccountabilityForm form, TargetKind target) => AllowedFor(target).Contains(form);

    public static BilingualText Name(this AccountabilityForm form) => form switch
    {
        AccountabilityForm.Inspection => new("检查", "inspection"),
        AccountabilityForm.CirculatedCriticism => new("通报", "circulated criticism"),
        AccountabilityForm.Reorganisation => new("改组", "reorganisation"),
        AccountabilityForm.Admonishment => new("诫勉", "admonishment"),
        AccountabilityForm.OrganisationalAdjustment => new("组织调整或者组织处理", "organisational adjustment or handling"),
        AccountabilityForm.DisciplinarySanction => new("纪律处分", "disciplinary sanction"),
        _ => throw new ArgumentOutOfRangeException(nameof(form)),
    };
}
