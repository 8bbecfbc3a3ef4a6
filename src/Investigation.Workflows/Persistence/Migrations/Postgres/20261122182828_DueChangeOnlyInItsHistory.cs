using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Investigation.Workflows.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DueChangeOnlyInItsHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A task changed before due_date_changes existed keeps its last change there (the date before it is unknown).
            migrationBuilder.Sql("""
                INSERT INTO due_date_changes ("TaskId", "At", "By", "From", "To", "Reason")
                SELECT t."Id", t."DueChangedAt", COALESCE(t."DueChangedBy", ''), NULL, t."DueAt", COALESCE(t."DueChangeReason", '')
                FROM wf_human_tasks t
                WHERE t."DueChangedAt" IS NOT NULL AND t."DueAt" IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM due_date_changes c WHERE c."TaskId" = t."Id")
                """);

            migrationBuilder.DropColumn(
                name: "DueChangeReason",
                table: "wf_human_tasks");

            migrationBuilder.DropColumn(
                name: "DueChangedAt",
                table: "wf_human_tasks");

            migrationBuilder.DropColumn(
                name: "DueChangedBy",
                table: "wf_human_tasks");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DueChangeReason",
                table: "wf_human_tasks",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DueChangedAt",
                table: "wf_human_tasks",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DueChangedBy",
                table: "wf_human_tasks",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);
        }
    }
}
