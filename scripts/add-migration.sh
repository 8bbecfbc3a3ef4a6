#!/usr/bin/env bash
# Adds a migration NAME for both database providers (SQLite and PostgreSQL share one model but
# not one SQL dialect, so each keeps its own migrations).
#   scripts/add-migration.sh AddSomething
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh MigrationName}
cd "$(dirname "$0")/../src/Investigation.Workflows"
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" --context "${provider}InvestigationDbContext" \
    --output-dir "Data/Migrations/$provider" \
    --namespace "Investigation.Workflows.Data.Migrations.$provider"
done
# dotnet ef writes the model snapshot by namespace; keep it beside its migrations.
for provider in Sqlite Postgres; do
  snapshot=$(find . -path ./obj -prune -o -name "${provider}InvestigationDbContextModelSnapshot.cs" -print | grep -v "^./Data/Migrations/$provider/" || true)
  [ -n "$snapshot" ] && mv "$snapshot" "Data/Migrations/$provider/"
done
find . -path ./obj -prune -o -type d -empty -print | grep -v '^./obj' | xargs -r rmdir -p 2>/dev/null || true
