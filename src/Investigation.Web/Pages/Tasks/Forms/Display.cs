using Investigation.Web.Infrastructure;
using Investigation.Workflows.Identity;

namespace Investigation.Web.Pages.Tasks.Forms;

/// <summary>Names the task page shows that the case pages' <see cref="Cases.CaseText"/> does not have.</summary>
public static class Display
{
    public static string Role(string role) => role switch
    {
        Roles.Administrator => Text.T("系统管理员", "administrator"),
        Roles.CaseOfficer => Text.T("网信办案件专员", "case officer"),
        Roles.Investigator => Text.T("调查员", "investigator"),
        Roles.DisciplineReviewer => Text.T("纪检审核员", "discipline reviewer"),
        Roles.DisciplineApprover => Text.T("纪检审批人", "discipline approver"),
        Roles.PartyCommittee => Text.T("有管理权限的党组织", "managing Party organisation"),
        Roles.CadreManagement => Text.T("干部主管部门", "cadre management"),
        Roles.Auditor => Text.T("审计员", "auditor"),
        _ => role,
    };
}
