using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Investigation.Workflows.Data.Migrations.Sqlite
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
                    TaskId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Values = table.Column<string>(type: "TEXT", maxLength: 100000, nullable: false),
                    SavedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
