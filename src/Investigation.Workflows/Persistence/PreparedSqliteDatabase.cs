using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Update;
using SQLitePCL;

namespace Investigation.Workflows.Persistence;

/// <summary>
/// EF Core's save on SQLite, with each row written by a statement compiled once per open connection.
/// <para>
/// A workflow step writes about ten small rows (the instance, a task closed and one opened, a bookmark
/// consumed and one made, journal entries, the audit entry). Profiling showed most of its time in
/// SaveChanges building those commands again on every call: SQL text, parameter objects, and SQLite
/// compiling each statement anew. Here each row is bound to a statement compiled the first time the
/// open connection meets its shape, then reset and used again until the connection closes (why not
/// longer: <see cref="Statements"/>).
/// </para>
/// <para>
/// Everything around the write stays EF Core's: change detection, interceptors, accepting the changes
/// afterwards, and undoing store-generated keys when the save fails. A save this class cannot write
/// exactly as EF Core would (a foreign key, an owned or complex type, a store-generated column other than
/// an integer key, a type it does not bind) goes to EF Core whole, so the two never share one save.
/// The rows are byte for byte those EF Core writes (PreparedSqliteDatabaseTests compares them).
/// </para>
/// </summary>
public sealed class PreparedSqliteDatabase(DatabaseDependencies dependencies, RelationalDatabaseDependencies relationalDependencies)
    : RelationalDatabase(dependencies, relationalDependencies)
{
    // A save without the caller's transaction makes its own: it waits for the file's turn to write first.
    // The connection is opened and the statements compiled before the turn: neither needs the write lock,
    // and whatever is done while holding the turn, every other writer waits for.
    public override int SaveChanges(IList<IUpdateEntry> entries)
    {
        if (!Writable(entries))
        {
            using var turn = OwnTransaction ? SqliteWriteGate.Enter(Connection.DbConnection) : default;
            return base.SaveChanges(entries);
        }
        var opened = Connection.Open();
        try
        {
            var plan = Plan(entries);
            using var turn = OwnTransaction ? SqliteWriteGate.Enter(Connection.DbConnection) : default;
            return Write(plan);
        }
        finally
        {
            if (opened) Connection.Close();
        }
    }

    // Microsoft.Data.Sqlite does its work synchronously whichever method is called, so Write does too.
    public override async Task<int> SaveChangesAsync(IList<IUpdateEntry> entries, CancellationToken cancellationToken = default)
    {
        if (!Writable(entries))
        {
            using var turn = OwnTransaction ? await SqliteWriteGate.EnterAsync(Connection.DbConnection, cancellationToken) : default;
            return await base.SaveChangesAsync(entries, cancellationToken);
        }
        cancellationToken.ThrowIfCancellationRequested();
        var opened = Connection.Open();
        try
        {
            var plan = Plan(entries);
            using var turn = OwnTransaction ? await SqliteWriteGate.EnterAsync(Connection.DbConnection, cancellationToken) : default;
            return Write(plan);
        }
        finally
        {
            if (opened) await Connection.CloseAsync();
        }
    }

    private IRelationalConnection Connection => RelationalDependencies.Connection;

    private bool OwnTransaction => Connection.CurrentTransaction is null;

    /// <summary>
    /// Finalizes the statements compiled on this connection: SqlitePragmas calls it as EF Core closes the
    /// connection, before the native connection goes back to the pool and perhaps to another thread.
    /// </summary>
    internal static void ReleaseStatements(System.Data.Common.DbConnection connection)
    {
        if (connection is SqliteConnection sqlite) Statements.Release(sqlite);
    }

    /// <summary>Whether rows of this type are written here rather than by EF Core.</summary>
    internal static bool Writes(IEntityType type) => Table.Of(type) is not null;

    private static bool Writable(IList<IUpdateEntry> entries)
    {
        foreach (var entry in entries)
        {
            if (entry.SharedIdentityEntry is not null || Table.Of(entry.EntityType) is not { } table || !table.CanWrite(entry)) return false;
        }
        return true;
    }

    /// <summary>One row to write: its entry, its table, and the statement compiled for it on this connection.</summary>
    private readonly record struct Row(IUpdateEntry Entry, Table Table, sqlite3_stmt Statement);

    // Deletes first, then updates, then inserts: a step that consumes a bookmark and makes one with the same
    // name and key must not trip the unique index. (No writable table has a foreign key.)
    private Row[] Plan(IList<IUpdateEntry> entries)
    {
        var sqlite = (SqliteConnection)Connection.DbConnection;
        var handle = sqlite.Handle ?? throw new InvalidOperationException("The SQLite connection is open but has no native handle.");
        var statements = Statements.Of(sqlite);
        var rows = new List<Row>(entries.Count);
        foreach (var state in (ReadOnlySpan<EntityState>)[EntityState.Deleted, EntityState.Modified, EntityState.Added])
            foreach (var entry in entries)
                if (entry.EntityState == state && Table.Of(entry.EntityType) is { } table)
                    rows.Add(new Row(entry, table, table.Statement(handle, statements, entry)));
        return [.. rows];
    }

    private int Write(Row[] plan)
    {
        var connection = Connection;
        // Without the caller's transaction, one of our own, as EF Core would: the save is all or nothing.
        using var own = connection.CurrentTransaction is null ? connection.BeginTransaction() : null;
        var handle = ((SqliteConnection)connection.DbConnection).Handle!;
        var rows = 0;
        foreach (var row in plan) rows += row.Table.Write(handle, row.Statement, row.Entry);
        own?.Commit();
        return rows;
    }

    /// <summary>
    /// The compiled statements of one open connection, by SQL text; used by one connection, so one thread, at a
    /// time. They last until the connection closes, as Microsoft.Data.Sqlite's own do: a statement left
    /// unfinalized on a pooled native connection would keep it half-open after the pool is cleared, its
    /// write-ahead log not checkpointed into the file. EF Core's close releases them first (SqlitePragmas);
    /// a close that bypasses EF Core still does, just after.
    /// </summary>
    private sealed class Statements
    {
        private static readonly ConditionalWeakTable<SqliteConnection, Statements> ByConnection = new();
        private readonly Dictionary<string, sqlite3_stmt> bySql = new(StringComparer.Ordinal);

        public static Statements Of(SqliteConnection connection) => ByConnection.GetValue(connection, static c =>
        {
            var statements = new Statements();
            c.StateChange += (_, e) =>
            {
                if (e.CurrentState != System.Data.ConnectionState.Open) statements.Release();
            };
            return statements;
        });

        public static void Release(SqliteConnection connection)
        {
            if (ByConnection.TryGetValue(connection, out var statements)) statements.Release();
        }

        public sqlite3_stmt Get(sqlite3 handle, string sql)
        {
            if (bySql.TryGetValue(sql, out var statement)) return statement;
            var rc = raw.sqlite3_prepare_v2(handle, sql, out statement);
            if (rc != raw.SQLITE_OK)
                throw new SqliteException($"SQLite could not compile \"{sql}\": {raw.sqlite3_errmsg(handle).utf8_to_string()}", rc, raw.sqlite3_extended_errcode(handle));
            bySql.Add(sql, statement);
            return statement;
        }

        private void Release()
        {
            foreach (var statement in bySql.Values) statement.Dispose();
            bySql.Clear();
        }
    }

    /// <summary>How one entity type is written: its columns, its statements, and how each value is bound.</summary>
    private sealed class Table
    {
        private static readonly ConditionalWeakTable<IEntityType, Table?[]> ByType = new();

        private readonly string name;
        private readonly Column[] columns;      // every mapped property, the key among them
        private readonly Column key;
        private readonly Column[] tokens;       // concurrency tokens, compared with their original values
        private readonly bool generatedKey;     // an INTEGER PRIMARY KEY that SQLite numbers when none is given
        private readonly string insert, insertWithoutKey, delete;
        private readonly ConcurrentDictionary<ulong, string> updates = new();

        private Table(string name, Column[] columns, Column key, bool generatedKey)
        {
            this.name = name;
            this.columns = columns;
            this.key = key;
            this.generatedKey = generatedKey;
            tokens = columns.Where(c => c.Property.IsConcurrencyToken).ToArray();
            insert = Insert(columns);
            insertWithoutKey = Insert(columns.Where(c => c != key).ToArray());
            delete = $"DELETE FROM {Quote(name)} WHERE {Where()}";
        }

        /// <summary>The table of an entity type, or null when its rows must go through EF Core.</summary>
        public static Table? Of(IEntityType type) => ByType.GetValue(type, static t => [Build(t)])[0];

        private static Table? Build(IEntityType type)
        {
            if (type.GetTableName() is not { } tableName || type.GetSchema() is not null || type.GetViewName() is not null
                || type.BaseType is not null || type.GetDirectlyDerivedTypes().Any() || type.IsOwned()
                || type.GetForeignKeys().Any() || type.GetReferencingForeignKeys().Any()
                || type.GetComplexProperties().Any() || type.GetNavigations().Any() || type.GetSkipNavigations().Any()
                || type.FindPrimaryKey() is not { Properties: [var keyProperty] })
                return null;
            var table = StoreObjectIdentifier.Table(tableName);
            var properties = type.GetProperties().ToList();
            if (properties.Count > 64) return null;
            var columns = new List<Column>();
            foreach (var property in properties)
            {
                if (property.GetColumnName(table) is not { } column || property.GetComputedColumnSql() is not null) return null;
                // Store-generated values other than a numbered key would need reading back: leave them to EF Core.
                if (property.ValueGenerated != ValueGenerated.Never && property != keyProperty) return null;
                if (Column.Create(property, column, columns.Count) is not { } c) return null;
                columns.Add(c);
            }
            var key = columns.Single(c => c.Property == keyProperty);
            // A Guid key is generated by EF Core when the entity is added, so it is known here; an integer one by SQLite.
            return new Table(tableName, [.. columns], key, generatedKey: keyProperty.ValueGenerated == ValueGenerated.OnAdd && key.Provider == Provider.Integer);
        }

        public bool CanWrite(IUpdateEntry entry) => entry.EntityState switch
        {
            EntityState.Added => generatedKey || !entry.HasTemporaryValue(key.Property),
            EntityState.Modified => ModifiedMask(entry) != 0, // EF Core would check the tokens alone; rare enough to leave to it
            _ => true,
        };

        /// <summary>Which columns an update writes, one bit per column; 0 when none is modified.</summary>
        public ulong ModifiedMask(IUpdateEntry entry)
        {
            ulong mask = 0;
            foreach (var column in columns)
                if (column != key && entry.IsModified(column.Property)) mask |= 1UL << column.Index;
            return mask;
        }

        /// <summary>The statement that writes this entry's row, compiled on the connection if it is not yet.</summary>
        public sqlite3_stmt Statement(sqlite3 handle, Statements statements, IUpdateEntry entry) => entry.EntityState switch
        {
            EntityState.Added => statements.Get(handle, Numbered(entry) ? insertWithoutKey : insert),
            EntityState.Modified => statements.Get(handle, updates.GetOrAdd(ModifiedMask(entry), Update)),
            EntityState.Deleted => statements.Get(handle, delete),
            _ => throw new InvalidOperationException($"A {entry.EntityState} {entry.EntityType.DisplayName()} has no row to write."),
        };

        private bool Numbered(IUpdateEntry entry) => generatedKey && entry.HasTemporaryValue(key.Property);

        /// <summary>Binds the entry's values to its <see cref="Statement"/> and runs it.</summary>
        public int Write(sqlite3 handle, sqlite3_stmt statement, IUpdateEntry entry)
        {
            switch (entry.EntityState)
            {
                case EntityState.Added:
                {
                    var numbered = Numbered(entry);
                    var i = 1;
                    foreach (var column in columns)
                        if (!(numbered && column == key)) column.Bind(statement, i++, entry.GetCurrentValue(column.Property));
                    Run(handle, statement, entry);
                    if (numbered) entry.SetStoreGeneratedValue(key.Property, key.FromProvider(raw.sqlite3_last_insert_rowid(handle)));
                    return 1;
                }
                case EntityState.Modified:
                {
                    var mask = ModifiedMask(entry);
                    var i = 1;
                    foreach (var column in columns)
                        if ((mask & (1UL << column.Index)) != 0) column.Bind(statement, i++, entry.GetCurrentValue(column.Property));
                    BindWhere(statement, i, entry);
                    return RunChecked(handle, statement, entry);
                }
                case EntityState.Deleted:
                {
                    BindWhere(statement, 1, entry);
                    return RunChecked(handle, statement, entry);
                }
                default:
                    return 0;
            }
        }

        private void BindWhere(sqlite3_stmt statement, int i, IUpdateEntry entry)
        {
            key.Bind(statement, i++, entry.GetOriginalValue(key.Property));
            foreach (var token in tokens)
                token.Bind(statement, i++, entry.GetOriginalValue(token.Property));
        }

        // An update or delete that matched no row: someone else changed or removed it since it was read.
        private static int RunChecked(sqlite3 handle, sqlite3_stmt statement, IUpdateEntry entry)
        {
            Run(handle, statement, entry);
            if (raw.sqlite3_changes(handle) == 1) return 1;
            throw new DbUpdateConcurrencyException(
                $"The {entry.EntityType.DisplayName()} row was changed or deleted by someone else since it was read.", [entry]);
        }

        private static void Run(sqlite3 handle, sqlite3_stmt statement, IUpdateEntry entry)
        {
            var rc = raw.sqlite3_step(statement);
            try
            {
                if (rc == raw.SQLITE_DONE) return;
                var error = new SqliteException($"SQLite Error {rc}: '{raw.sqlite3_errmsg(handle).utf8_to_string()}'.", rc, raw.sqlite3_extended_errcode(handle));
                throw new DbUpdateException("An error occurred while saving the entity changes. See the inner exception for details.", error, [entry]);
            }
            finally
            {
                raw.sqlite3_reset(statement);
                raw.sqlite3_clear_bindings(statement);
            }
        }

        private string Update(ulong mask)
        {
            var set = string.Join(", ", columns.Where(c => (mask & (1UL << c.Index)) != 0).Select(c => $"{Quote(c.Name)} = ?"));
            return $"UPDATE {Quote(name)} SET {set} WHERE {Where()}";
        }

        private string Where() => string.Join(" AND ", new[] { key }.Concat(tokens).Select(c => $"{Quote(c.Name)} = ?"));

        private string Insert(Column[] written) =>
            $"INSERT INTO {Quote(name)} ({string.Join(", ", written.Select(c => Quote(c.Name)))}) VALUES ({string.Join(", ", written.Select(_ => "?"))})";

        private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }

    private enum Provider { Integer, Real, Text, Blob, GuidText }

    /// <summary>One mapped property: EF Core's value converter, then the SQLite type the provider value is bound as.</summary>
    private sealed class Column
    {
        public required IProperty Property { get; init; }
        public required string Name { get; init; }
        public required int Index { get; init; }
        public required Provider Provider { get; init; }
        private Type providerClr = typeof(object);
        private Func<object?, object?>? toProvider;
        private Func<object?, object?>? fromProvider;

        public static Column? Create(IProperty property, string name, int index)
        {
            var converter = property.GetTypeMapping().Converter;
            var clr = Nullable.GetUnderlyingType(converter?.ProviderClrType ?? property.ClrType) ?? converter?.ProviderClrType ?? property.ClrType;
            Provider? provider = clr switch
            {
                _ when clr == typeof(string) => Provider.Text,
                _ when clr == typeof(long) || clr == typeof(int) || clr == typeof(short) || clr == typeof(byte) || clr == typeof(bool) => Provider.Integer,
                _ when clr == typeof(double) || clr == typeof(float) => Provider.Real,
                _ when clr == typeof(byte[]) => Provider.Blob,
                _ when clr == typeof(Guid) => Provider.GuidText,
                _ => null, // decimal, dates, times: EF Core formats them its own way; leave those to it
            };
            if (provider is null) return null;
            return new Column
            {
                Property = property,
                Name = name,
                Index = index,
                Provider = provider.Value,
                providerClr = clr,
                toProvider = converter is null ? null : converter.ConvertToProvider,
                fromProvider = converter is null ? null : converter.ConvertFromProvider,
            };
        }

        /// <summary>A numbered key read back from SQLite, as the property's type.</summary>
        public object? FromProvider(long rowId)
        {
            var value = Convert.ChangeType(rowId, providerClr, System.Globalization.CultureInfo.InvariantCulture);
            return fromProvider is null ? value : fromProvider(value);
        }

        public void Bind(sqlite3_stmt statement, int index, object? value)
        {
            if (value is not null && toProvider is not null) value = toProvider(value);
            var rc = value switch
            {
                null => raw.sqlite3_bind_null(statement, index),
                string text => raw.sqlite3_bind_text(statement, index, text),
                long number => raw.sqlite3_bind_int64(statement, index, number),
                int number => raw.sqlite3_bind_int64(statement, index, number),
                short number => raw.sqlite3_bind_int64(statement, index, number),
                byte number => raw.sqlite3_bind_int64(statement, index, number),
                bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
                double real => raw.sqlite3_bind_double(statement, index, real),
                float real => raw.sqlite3_bind_double(statement, index, real),
                byte[] bytes => raw.sqlite3_bind_blob(statement, index, bytes),
                // As EF Core stores a Guid on SQLite: TEXT, upper case, with hyphens.
                Guid guid => raw.sqlite3_bind_text(statement, index, guid.ToString().ToUpperInvariant()),
                _ => throw new NotSupportedException($"{Property.DeclaringType.DisplayName()}.{Property.Name}: cannot bind a {value.GetType().Name}."),
            };
            if (rc != raw.SQLITE_OK) throw new SqliteException($"SQLite could not bind {Property.Name} (error {rc}).", rc);
        }
    }
}
