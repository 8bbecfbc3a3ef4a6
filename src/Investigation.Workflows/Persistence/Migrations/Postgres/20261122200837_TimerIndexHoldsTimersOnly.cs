using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Investigation.Workflows.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TimerIndexHoldsTimersOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_wf_bookmarks_ResumeAt",
                table: "wf_bookmarks");

            migrationBuilder.CreateIndex(
                name: "IX_wf_bookmarks_ResumeAt",
                table: "wf_bookmarks",
                column: "ResumeAt",
                filter: "\"ResumeAt\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_wf_bookmarks_ResumeAt",
                table: "wf_bookmarks");

            migrationBuilder.CreateIndex(
                name: "IX_wf_bookmarks_ResumeAt",
                table: "wf_bookmarks",
                column: "ResumeAt");
        }
    }
}
