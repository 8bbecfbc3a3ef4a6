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
}
