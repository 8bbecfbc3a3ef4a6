using Investigation.Domain;

namespace Investigation.Workflows.Identity;

/// <summary>The roles of the application. A user may hold several.</summary>
public static class Roles
{
    public const string Administrator = nameof(Administrator);
    /// <summary>Cyberspace affairs office: registers incidents, accepts cases, drafts suggestions.</summary>
    public const string CaseOfficer = nameof(CaseOfficer);
    public const string Investigator = nameof(Investigator);
    public const string DisciplineReviewer = nameof(DisciplineReviewer);
    public const string DisciplineApprover = nameof(DisciplineApprover);
    /// <summary>The managing Party organisation, which decides.</summary>
    public const string PartyCommittee = nameof(PartyCommittee);
    public const string CadreManagement = nameof(CadreManagement);
    /// <summary>Read-only access to cases and the audit record (Article 11).</summary>
    public const string Auditor = nameof(Auditor);

    public static readonly IReadOnlyList<string> All =
        [Administrator, CaseOfficer, Investigator, DisciplineReviewer, DisciplineApprover, PartyCommittee, CadreManagement, Auditor];

    /// <summary>A role as people read it, in both languages.</summary>
    public static BilingualText Name(string role) => role switch
    {
        Administrator => new("系统管理员", "Administrator"),
        CaseOfficer => new("案件专员（网信办）", "Case officer (cyberspace affairs office)"),
        Investigator => new("调查人员", "Investigator"),
        DisciplineReviewer => new("纪检监察审核人员", "Discipline reviewer"),
        DisciplineApprover => new("纪检监察审批人", "Discipline approver"),
        PartyCommittee => new("党委（党组）", "Party committee"),
        CadreManagement => new("干部主管部门", "Cadre management"),
        Auditor => new("审计人员", "Auditor"),
        _ => new(role, role),
    };
}
