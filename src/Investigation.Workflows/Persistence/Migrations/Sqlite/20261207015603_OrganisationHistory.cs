using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Investigation.Workflows.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OrganisationHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MainLeadId",
                table: "org_units");

            migrationBuilder.DropColumn(
                name: "OtherMembers",
                table: "org_units");

            migrationBuilder.RenameColumn(
                name: "SecurityLeadId",
                table: "org_units",
                newName: "RegulatorId");

            migrationBuilder.AddColumn<string>(
                name: "Code",
                table: "org_units",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Retired",
                table: "org_units",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Code",
                table: "org_people",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Retired",
                table: "org_people",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "org_appointments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_org_appointments", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_org_units_Code",
                table: "org_units",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_org_people_Code",
                table: "org_people",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_org_appointments_UnitId",
                table: "org_appointments",
                column: "UnitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "org_appointments");

            migrationBuilder.DropIndex(
                name: "IX_org_units_Code",
                table: "org_units");

            migrationBuilder.DropIndex(
                name: "IX_org_people_Code",
                table: "org_people");

            migrationBuilder.DropColumn(
                name: "Code",
                table: "org_units");

            migrationBuilder.DropColumn(
                name: "Retired",
                table: "org_units");

            migrationBuilder.DropColumn(
                name: "Code",
                table: "org_people");

            migrationBuilder.DropColumn(
                name: "Retired",
                table: "org_people");

            migrationBuilder.RenameColumn(
                name: "RegulatorId",
                table: "org_units",
                newName: "SecurityLeadId");

            migrationBuilder.AddColumn<Guid>(
                name: "MainLeadId",
                table: "org_units",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OtherMembers",
                table: "org_units",
                type: "TEXT",
                nullable: false,
                defaultValue: "");
        }
    }
}
