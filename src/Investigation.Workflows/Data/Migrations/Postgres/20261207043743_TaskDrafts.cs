using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Investigation.Workflows.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TaskDrafts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "task_drafts",
                columns: table => new
                {
                    TaskId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Values = table.Column<string>(type: "character varying(100000)", maxLength: 100000, nullable: false),
                    SavedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_task_drafts", x => new { x.TaskId, x.UserName });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "task_drafts");
        }
    }
}
