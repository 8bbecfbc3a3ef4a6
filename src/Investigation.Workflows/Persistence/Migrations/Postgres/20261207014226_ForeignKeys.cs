using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Investigation.Workflows.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ForeignKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_outages_WorkflowInstanceId",
                table: "outages",
                column: "WorkflowInstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_org_people_ManagingOrganisationId",
                table: "org_people",
                column: "ManagingOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_notifications_CaseId",
                table: "notifications",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_notifications_OutageId",
                table: "notifications",
                column: "OutageId");

            migrationBuilder.CreateIndex(
                name: "IX_notifications_TaskId",
                table: "notifications",
                column: "TaskId");

            migrationBuilder.AddForeignKey(
                name: "FK_audit_entries_cases_CaseId",
                table: "audit_entries",
                column: "CaseId",
                principalTable: "cases",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_cases_org_units_UnitId",
                table: "cases",
                column: "UnitId",
                principalTable: "org_units",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_cases_wf_instances_WorkflowInstanceId",
                table: "cases",
                column: "WorkflowInstanceId",
                principalTable: "wf_instances",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_due_date_changes_wf_human_tasks_TaskId",
                table: "due_date_changes",
                column: "TaskId",
                principalTable: "wf_human_tasks",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_notifications_cases_CaseId",
                table: "notifications",
                column: "CaseId",
                principalTable: "cases",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_notifications_outages_OutageId",
                table: "notifications",
                column: "OutageId",
                principalTable: "outages",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_notifications_wf_human_tasks_TaskId",
                table: "notifications",
                column: "TaskId",
                principalTable: "wf_human_tasks",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_org_people_org_units_ManagingOrganisationId",
                table: "org_people",
                column: "ManagingOrganisationId",
                principalTable: "org_units",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_org_people_org_units_UnitId",
                table: "org_people",
                column: "UnitId",
                principalTable: "org_units",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_org_units_org_units_ParentId",
                table: "org_units",
                column: "ParentId",
                principalTable: "org_units",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_outages_org_units_UnitId",
                table: "outages",
                column: "UnitId",
                principalTable: "org_units",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_outages_wf_instances_WorkflowInstanceId",
                table: "outages",
                column: "WorkflowInstanceId",
                principalTable: "wf_instances",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_wf_bookmarks_wf_instances_InstanceId",
                table: "wf_bookmarks",
                column: "InstanceId",
                principalTable: "wf_instances",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_wf_human_tasks_wf_instances_InstanceId",
                table: "wf_human_tasks",
                column: "InstanceId",
                principalTable: "wf_instances",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_wf_incidents_wf_instances_InstanceId",
                table: "wf_incidents",
                column: "InstanceId",
                principalTable: "wf_instances",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_wf_journal_wf_instances_InstanceId",
                table: "wf_journal",
                column: "InstanceId",
                principalTable: "wf_instances",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_audit_entries_cases_CaseId",
                table: "audit_entries");

            migrationBuilder.DropForeignKey(
                name: "FK_cases_org_units_UnitId",
                table: "cases");

            migrationBuilder.DropForeignKey(
                name: "FK_cases_wf_instances_WorkflowInstanceId",
                table: "cases");

            migrationBuilder.DropForeignKey(
                name: "FK_due_date_changes_wf_human_tasks_TaskId",
                table: "due_date_changes");

            migrationBuilder.DropForeignKey(
                name: "FK_notifications_cases_CaseId",
                table: "notifications");

            migrationBuilder.DropForeignKey(
                name: "FK_notifications_outages_OutageId",
                table: "notifications");

            migrationBuilder.DropForeignKey(
                name: "FK_notifications_wf_human_tasks_TaskId",
                table: "notifications");

            migrationBuilder.DropForeignKey(
                name: "FK_org_people_org_units_ManagingOrganisationId",
                table: "org_people");

            migrationBuilder.DropForeignKey(
                name: "FK_org_people_org_units_UnitId",
                table: "org_people");

            migrationBuilder.DropForeignKey(
                name: "FK_org_units_org_units_ParentId",
                table: "org_units");

            migrationBuilder.DropForeignKey(
                name: "FK_outages_org_units_UnitId",
                table: "outages");

            migrationBuilder.DropForeignKey(
                name: "FK_outages_wf_instances_WorkflowInstanceId",
                table: "outages");

            migrationBuilder.DropForeignKey(
                name: "FK_wf_bookmarks_wf_instances_InstanceId",
                table: "wf_bookmarks");

            migrationBuilder.DropForeignKey(
                name: "FK_wf_human_tasks_wf_instances_InstanceId",
                table: "wf_human_tasks");

            migrationBuilder.DropForeignKey(
                name: "FK_wf_incidents_wf_instances_InstanceId",
                table: "wf_incidents");

            migrationBuilder.DropForeignKey(
                name: "FK_wf_journal_wf_instances_InstanceId",
                table: "wf_journal");

            migrationBuilder.DropIndex(
                name: "IX_outages_WorkflowInstanceId",
                table: "outages");

            migrationBuilder.DropIndex(
                name: "IX_org_people_ManagingOrganisationId",
                table: "org_people");

            migrationBuilder.DropIndex(
                name: "IX_notifications_CaseId",
                table: "notifications");

            migrationBuilder.DropIndex(
                name: "IX_notifications_OutageId",
                table: "notifications");

            migrationBuilder.DropIndex(
                name: "IX_notifications_TaskId",
                table: "notifications");
        }
    }
}
