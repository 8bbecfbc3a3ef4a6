using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Investigation.Workflows.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddDueDateChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "due_date_changes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TaskId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    From = table.Column<long>(type: "INTEGER", nullable: true),
                    To = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_due_date_changes", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_due_date_changes_TaskId_Id",
                table: "due_date_changes",
                columns: new[] { "TaskId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "due_date_changes");
        }
    }
}
