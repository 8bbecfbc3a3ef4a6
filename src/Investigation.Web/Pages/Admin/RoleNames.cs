using Investigation.Domain;
using Investigation.Workflows.Identity;

namespace Investigation.Web.Pages.Admin;

/// <summary>The roles as people read them, in both languages.</summary>
public static class RoleNames
{
    public static BilingualText Of(string role) => role switch
    {
        Roles.Administrator => new("系统管理员", "Administrator"),
        Roles.CaseOfficer => new("案件专员（网信办）", "Case officer (cyberspace affairs office)"),
        Roles.Investigator => new("调查人员", "Investigator"),
        Roles.DisciplineReviewer => new("纪检监察审核人员", "Discipline reviewer"),
        Roles.DisciplineApprover => new("纪检监察审批人", "Discipline approver"),
        Roles.PartyCommittee => new("党委（党组）", "Party committee"),
        Roles.CadreManagement => new("干部主管部门", "Cadre management"),
        Roles.Auditor => new("审计人员", "Auditor"),
        _ => new(role, role),
    };
}
