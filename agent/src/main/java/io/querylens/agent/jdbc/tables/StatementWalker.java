package io.querylens.agent.jdbc.tables;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.parser.CCJSqlParserTreeConstants;
import net.sf.jsqlparser.parser.Node;
import net.sf.jsqlparser.parser.SimpleNode;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Block;
import net.sf.jsqlparser.statement.Commit;
import net.sf.jsqlparser.statement.CreateFunctionalStatement;
import net.sf.jsqlparser.statement.DeclareStatement;
import net.sf.jsqlparser.statement.DescribeStatement;
import net.sf.jsqlparser.statement.ExplainStatement;
import net.sf.jsqlparser.statement.OutputClause;
import net.sf.jsqlparser.statement.ReturningClause;
import net.sf.jsqlparser.statement.IfElseStatement;
import net.sf.jsqlparser.statement.ParenthesedStatement;
import net.sf.jsqlparser.statement.PurgeStatement;
import net.sf.jsqlparser.statement.ResetStatement;
import net.sf.jsqlparser.statement.RollbackStatement;
import net.sf.jsqlparser.statement.SavepointStatement;
import net.sf.jsqlparser.statement.SetStatement;
import net.sf.jsqlparser.statement.ShowColumnsStatement;
import net.sf.jsqlparser.statement.ShowStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.UseStatement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.alter.AlterSession;
import net.sf.jsqlparser.statement.alter.AlterSystemStatement;
import net.sf.jsqlparser.statement.alter.RenameTableStatement;
import net.sf.jsqlparser.statement.alter.sequence.AlterSequence;
import net.sf.jsqlparser.statement.analyze.Analyze;
import net.sf.jsqlparser.statement.comment.Comment;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.schema.CreateSchema;
import net.sf.jsqlparser.statement.create.sequence.CreateSequence;
import net.sf.jsqlparser.statement.create.synonym.CreateSynonym;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.view.AlterView;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.delete.ParenthesedDelete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.execute.Execute;
import net.sf.jsqlparser.statement.grant.Grant;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.insert.InsertConflictAction;
import net.sf.jsqlparser.statement.insert.ParenthesedInsert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.merge.MergeDelete;
import net.sf.jsqlparser.statement.merge.MergeInsert;
import net.sf.jsqlparser.statement.merge.MergeOperation;
import net.sf.jsqlparser.statement.merge.MergeUpdate;
import net.sf.jsqlparser.statement.refresh.RefreshMaterializedViewStatement;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.FromItemVisitor;
import net.sf.jsqlparser.statement.select.GroupByElement;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.LateralSubSelect;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SelectVisitor;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.show.ShowIndexStatement;
import net.sf.jsqlparser.statement.show.ShowTablesStatement;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.ParenthesedUpdate;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;
import net.sf.jsqlparser.statement.upsert.Upsert;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * Sorts the tables of one parsed statement into reads and writes.
 *
 * <h2>Design</h2>
 *
 * JSqlParser's {@link TablesNamesFinder} already walks every expression, subquery and FROM item to collect table
 * names, but into one set, and it drops as "other items" every name that is also a CTE or a subquery alias anywhere
 * in the statement: in {@code select * from (select * from recipe) recipe} it loses the table {@code recipe}. This
 * subclass keeps its expression walking and replaces the rest:
 *
 * <ul>
 *   <li><b>Targets.</b> Each statement kind names its targets itself ({@code Insert.getTable()},
 *       {@code Delete.getTables()} resolved through aliases, ...), and the walker records them as writes; every
 *       other table it meets is a read. A target is not also a read unless it appears in a read position too
 *       ({@code insert into t select * from t}).
 *   <li><b>CTE scopes.</b> A {@code WITH} list opens a scope for the query it belongs to. An unqualified name found
 *       in an open scope is a CTE, not a table. A non-recursive CTE sees only the CTEs before it, so in
 *       {@code with recipe as (select * from recipe where ...) select * from recipe} the inner {@code recipe} is the
 *       table, as in PostgreSQL; under {@code WITH RECURSIVE} all names of the list are in scope everywhere.
 *   <li><b>Safety net.</b> The parser also builds a syntax tree in which every name it parsed as a table is a node
 *       (JSqlParser's {@code TableName}, the node of its {@code Table()} production). After the walk, any such
 *       table the walk did not meet, because some clause of some dialect is not visited, is added to the reads
 *       unless it is unqualified and named like a CTE of the statement. So a gap in the walk can only cost a
 *       needless invalidation, never a stale read. The net is cast for queries and DML only: the tables a DDL
 *       statement mentions without reading them (a foreign key's {@code references recipe}) are not reads.
 * </ul>
 *
 * Statement kinds that touch no table (transaction control, SET, SHOW, GRANT, sequences, indexes without their
 * table, new schemas) give no names; DDL that may change query results without naming a table (DROP SCHEMA, CREATE
 * FUNCTION) and stored procedure calls give {@code writesUnknown}; and a kind this class does not know makes
 * {@link #walk} return null, so the caller falls back to the keyword scan rather than guess.
 *
 * <p>One instance walks one statement, on one thread.
 */
final class StatementWalker extends TablesNamesFinder<Void> {

  private final boolean keepSchema;
  private final Set<String> reads = new LinkedHashSet<>();
  private final Set<String> writes = new LinkedHashSet<>();
  /** Every table object the walk met, read, written or found to be a CTE or an alias: the safety net skips them. */
  private final Set<Table> seen = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Deque<Set<String>> cteScopes = new ArrayDeque<>();
  private final Set<String> allCteNames = new HashSet<>();
  private boolean writesUnknown;
  private String reason = "";

  private StatementWalker(boolean keepSchema) {
    this.keepSchema = keepSchema;
    init(false); // the superclass's own sets, which its remaining visits expect to exist
  }

  /**
   * Returns the tables of {@code statement}, or null when its kind is not one this class knows.
   *
   * @param root the syntax tree the parser built with {@code statement}, for the safety net; may be null
   */
  static TableAccess walk(Statement statement, Node root, boolean keepSchema) {
    StatementWalker walker = new StatementWalker(keepSchema);
    if (walker.dml(statement)) {
      walker.sweep(root);
    } else if (!walker.other(statement)) {
      return null;
    }
    return new TableAccess(walker.reads, walker.writes, walker.writesUnknown, walker.reason);
  }

  // ---------------------------------------------------------------------------------------------
  // Statements

  /** Walks a query or DML statement; false for any other kind. */
  private boolean dml(Statement statement) {
    if (statement instanceof Select) {
      select((Select) statement);
    } else if (statement instanceof Insert) {
      insert((Insert) statement);
    } else if (statement instanceof Update) {
      update((Update) statement);
    } else if (statement instanceof Delete) {
      delete((Delete) statement);
    } else if (statement instanceof Merge) {
      merge((Merge) statement);
    } else if (statement instanceof Upsert) {
      upsert((Upsert) statement);
    } else {
      return false;
    }
    return true;
  }

  /** DDL and statements that touch no table; false for a kind not known here. */
  private boolean other(Statement statement) {
    if (statement instanceof CreateTable) {
      CreateTable create = (CreateTable) statement;
      write(create.getTable());
      select(create.getSelect());
      if (create.getLikeTable() != null) {
        visit(create.getLikeTable(), null);
      }
    } else if (statement instanceof CreateIndex) {
      write(((CreateIndex) statement).getTable());
    } else if (statement instanceof Alter) {
      alter((Alter) statement);
    } else if (statement instanceof Drop) {
      drop((Drop) statement);
    } else if (statement instanceof Truncate) {
      Truncate truncate = (Truncate) statement;
      List<Table> tables = truncate.getTables();
      if (tables != null && !tables.isEmpty()) {
        tables.forEach(this::write);
      } else {
        write(truncate.getTable());
      }
    } else if (statement instanceof CreateView) {
      write(((CreateView) statement).getView());
      select(((CreateView) statement).getSelect());
    } else if (statement instanceof AlterView) {
      write(((AlterView) statement).getView());
      select(((AlterView) statement).getSelect());
    } else if (statement instanceof RefreshMaterializedViewStatement) {
      write(((RefreshMaterializedViewStatement) statement).getView());
    } else if (statement instanceof RenameTableStatement) {
      for (Map.Entry<Table, Table> rename : ((RenameTableStatement) statement).getTableNames()) {
        write(rename.getKey());
        write(rename.getValue());
      }
    } else if (statement instanceof Execute) {
      unknown(TableAccess.STORED_PROCEDURE);
    } else if (statement instanceof CreateFunctionalStatement || statement instanceof PurgeStatement
        || statement instanceof CreateSynonym) {
      unknown(TableAccess.UNNAMED_DDL);
    } else if (statement instanceof ExplainStatement) {
      // Conservative: EXPLAIN ANALYZE runs the statement. JSqlParser only takes EXPLAIN of a query.
      select(((ExplainStatement) statement).getStatement());
    } else if (statement instanceof Block) {
      return statements(((Block) statement).getStatements());
    } else if (statement instanceof Statements) {
      return statements((Statements) statement);
    } else if (statement instanceof IfElseStatement) {
      IfElseStatement ifElse = (IfElseStatement) statement;
      return nested(ifElse.getIfStatement()) && nested(ifElse.getElseStatement());
    } else {
      return touchesNoTable(statement);
    }
    return true;
  }

  private static boolean touchesNoTable(Statement statement) {
    return statement instanceof Commit || statement instanceof RollbackStatement
        || statement instanceof SavepointStatement || statement instanceof SetStatement
        || statement instanceof ResetStatement || statement instanceof ShowStatement
        || statement instanceof ShowColumnsStatement || statement instanceof ShowIndexStatement
        || statement instanceof ShowTablesStatement || statement instanceof UseStatement
        || statement instanceof DescribeStatement || statement instanceof DeclareStatement
        || statement instanceof Grant || statement instanceof CreateSequence || statement instanceof AlterSequence
        || statement instanceof AlterSession || statement instanceof AlterSystemStatement
        || statement instanceof Comment || statement instanceof Analyze || statement instanceof CreateSchema;
  }

  private boolean statements(Statements statements) {
    if (statements != null) {
      for (Statement statement : statements) {
        if (!nested(statement)) {
          return false;
        }
      }
    }
    return true;
  }

  /** A statement inside a block: no safety net, as the tree's nodes are the whole block's. */
  private boolean nested(Statement statement) {
    return statement == null || dml(statement) || other(statement);
  }

  private void alter(Alter alter) {
    write(alter.getTable());
    if (alter.getAlterExpressions() != null) {
      for (AlterExpression expression : alter.getAlterExpressions()) {
        String newName = expression.getNewTableName();
        if (newName != null) { // ALTER TABLE t RENAME TO u: queries of u change too
          writes.add(TableNames.ofText(newName, keepSchema));
        }
      }
    }
  }

  private void drop(Drop drop) {
    String type = (drop.getType() == null) ? "" : drop.getType().toUpperCase(Locale.ROOT);
    seen.add(drop.getName());
    if (type.equals("TABLE") || type.endsWith(" TABLE") || type.endsWith("VIEW")) {
      write(drop.getName()); // TABLE, TEMPORARY TABLE, FOREIGN TABLE, VIEW, MATERIALIZED VIEW
    } else if (type.equals("INDEX")) {
      dropIndex(drop.getParameters());
    } else if (!type.equals("SEQUENCE")) {
      unknown(TableAccess.UNNAMED_DDL); // SCHEMA (and its tables), FUNCTION, TRIGGER, ...
    }
  }

  /**
   * An index changes how fast queries run, never what they return, so dropping one writes no table; MySQL's and SQL
   * Server's {@code DROP INDEX i ON t} name theirs, which is written as {@code CREATE INDEX}'s is. JSqlParser keeps
   * what follows the index's name as words: {@code [ON, t]}, or {@code [CASCADE]}.
   */
  private void dropIndex(List<String> parameters) {
    if (parameters == null || parameters.isEmpty()) {
      return;
    }
    String first = parameters.get(0).toUpperCase(Locale.ROOT);
    if (first.equals("ON") && parameters.size() == 2) {
      writes.add(TableNames.ofText(parameters.get(1), keepSchema));
    } else if (!(parameters.size() == 1 && (first.equals("CASCADE") || first.equals("RESTRICT")))) {
      unknown(TableAccess.UNNAMED_DDL);
    }
  }

  private void select(Select select) {
    if (select != null) {
      select.accept((SelectVisitor<Void>) this, null);
    }
  }

  private void insert(Insert insert) {
    withScope(insert.getWithItemsList(), () -> {
      write(insert.getTable());
      output(insert.getOutputClause());
      returning(insert.getReturningClause());
      select(insert.getSelect());
      updateSets(insert.getDuplicateUpdateSets());
      updateSets(insert.getSetUpdateSets());
      InsertConflictAction conflict = insert.getConflictAction();
      if (conflict != null) {
        updateSets(conflict.getUpdateSets());
        expression(conflict.getWhereExpression());
      }
    });
  }

  private void update(Update update) {
    withScope(update.getWithItemsList(), () -> {
      write(update.getTable());
      output(update.getOutputClause());
      returning(update.getReturningClause());
      List<Join> startJoins = update.getStartJoins();
      if (startJoins != null && !startJoins.isEmpty()) {
        multiTableUpdate(update, startJoins);
      }
      updateSets(update.getUpdateSets());
      fromItem(update.getFromItem());
      joins(update.getJoins());
      expression(update.getWhere());
      orderBy(update.getOrderByElements());
    });
  }

  /**
   * MySQL's {@code UPDATE a JOIN b ON ... SET b.x = a.y} writes the joined tables whose columns it sets. A joined
   * table is written when a SET column is qualified by its alias or name, or when any SET column is unqualified (it
   * could belong to any of them); otherwise it is read.
   */
  private void multiTableUpdate(Update update, List<Join> joins) {
    Set<String> qualifiers = new HashSet<>();
    boolean unqualified = false;
    if (update.getUpdateSets() != null) {
      for (UpdateSet set : update.getUpdateSets()) {
        for (Column column : set.getColumns()) {
          Table table = column.getTable();
          if (table == null || table.getName() == null) {
            unqualified = true;
          } else {
            qualifiers.add(TableNames.part(table.getName()));
          }
        }
      }
    }
    for (Join join : joins) {
      FromItem item = join.getRightItem();
      if (item instanceof Table && (unqualified || isNamedBy((Table) item, qualifiers))) {
        write((Table) item);
      } else {
        fromItem(item);
      }
      join.getOnExpressions().forEach(this::expression);
    }
  }

  private static boolean isNamedBy(Table table, Set<String> qualifiers) {
    if (qualifiers.contains(TableNames.part(table.getName()))) {
      return true;
    }
    return table.getAlias() != null && qualifiers.contains(TableNames.part(table.getAlias().getName()));
  }

  private void delete(Delete delete) {
    withScope(delete.getWithItemsList(), () -> {
      output(delete.getOutputClause());
      returning(delete.getReturningClause());
      List<Table> targets = delete.getTables();
      Set<Table> written = Collections.newSetFromMap(new IdentityHashMap<>());
      if (targets == null || targets.isEmpty()) {
        write(delete.getTable());
        written.add(delete.getTable());
      } else {
        // DELETE a, f FROM recipe a JOIN food f ...: the targets name tables by alias or by name.
        Map<String, Table> byName = new HashMap<>();
        register(byName, delete.getTable());
        if (delete.getJoins() != null) {
          delete.getJoins().forEach(join -> register(byName, join.getRightItem()));
        }
        if (delete.getUsingList() != null) {
          delete.getUsingList().forEach(using -> register(byName, using));
        }
        for (Table target : targets) {
          seen.add(target);
          Table table = byName.get(TableNames.part(target.getName()));
          if (table != null) {
            write(table);
            written.add(table);
          } else {
            writes.add(name(target));
          }
        }
        if (!written.contains(delete.getTable())) {
          fromItem(delete.getTable());
        }
      }
      if (delete.getJoins() != null) {
        for (Join join : delete.getJoins()) {
          if (!written.contains(join.getRightItem())) {
            fromItem(join.getRightItem());
          }
          join.getOnExpressions().forEach(this::expression);
        }
      }
      if (delete.getUsingList() != null) {
        for (Table using : delete.getUsingList()) {
          if (!written.contains(using)) {
            fromItem(using);
          }
        }
      }
      expression(delete.getWhere());
      orderBy(delete.getOrderByElements());
    });
  }

  private static void register(Map<String, Table> byName, FromItem item) {
    if (item instanceof Table) {
      Table table = (Table) item;
      byName.putIfAbsent(TableNames.part(table.getName()), table);
      if (table.getAlias() != null) {
        byName.put(TableNames.part(table.getAlias().getName()), table);
      }
    }
  }

  private void merge(Merge merge) {
    withScope(merge.getWithItemsList(), () -> {
      write(merge.getTable());
      output(merge.getOutputClause());
      fromItem(merge.getFromItem()); // the USING source, a table or a subquery
      expression(merge.getOnCondition());
      if (merge.getOperations() != null) {
        for (MergeOperation operation : merge.getOperations()) {
          mergeOperation(operation);
        }
      }
    });
  }

  private void mergeOperation(MergeOperation operation) {
    if (operation instanceof MergeUpdate) {
      MergeUpdate update = (MergeUpdate) operation;
      updateSets(update.getUpdateSets());
      expression(update.getAndPredicate());
      expression(update.getWhereCondition());
      expression(update.getDeleteWhereCondition());
    } else if (operation instanceof MergeInsert) {
      MergeInsert insert = (MergeInsert) operation;
      expression(insert.getAndPredicate());
      expression(insert.getValues());
      expression(insert.getWhereCondition());
    } else if (operation instanceof MergeDelete) {
      expression(((MergeDelete) operation).getAndPredicate());
    }
  }

  private void upsert(Upsert upsert) {
    write(upsert.getTable());
    select(upsert.getSelect());
    updateSets(upsert.getUpdateSets());
    updateSets(upsert.getDuplicateUpdateSets());
  }

  // ---------------------------------------------------------------------------------------------
  // Queries: the superclass's versions, with CTE scopes instead of its global list of "other" names.

  @Override
  public <S> Void visit(Select select, S context) {
    select.accept((SelectVisitor<Void>) this, context);
    return null;
  }

  @Override
  public <S> Void visit(PlainSelect select, S context) {
    withScope(select.getWithItemsList(), () -> {
      if (select.getSelectItems() != null) {
        for (SelectItem<?> item : select.getSelectItems()) {
          expression(item.getExpression());
        }
      }
      fromItem(select.getFromItem());
      joins(select.getJoins());
      expression(select.getWhere());
      GroupByElement groupBy = select.getGroupBy();
      if (groupBy != null) {
        expression(groupBy.getGroupByExpressionList());
      }
      expression(select.getHaving());
      expression(select.getQualify());
      if (select.getIntoTables() != null) {
        select.getIntoTables().forEach(this::write); // SELECT ... INTO new_table creates and fills it
      }
      tail(select);
    });
    return null;
  }

  @Override
  public <S> Void visit(SetOperationList list, S context) {
    withScope(list.getWithItemsList(), () -> {
      for (Select select : list.getSelects()) {
        select(select);
      }
      tail(list);
    });
    return null;
  }

  @Override
  public <S> Void visit(ParenthesedSelect select, S context) {
    withScope(select.getWithItemsList(), () -> {
      select(select.getSelect());
      tail(select);
    });
    return null;
  }

  @Override
  public <S> Void visit(LateralSubSelect select, S context) {
    return visit((ParenthesedSelect) select, context);
  }

  @Override
  public <S> Void visit(WithItem<?> item, S context) {
    withBody(item);
    return null;
  }

  @Override
  public <S> Void visit(Table table, S context) {
    seen.add(table);
    if (!isCte(table)) {
      reads.add(name(table));
    }
    return null;
  }

  @Override
  public <S> Void visit(AllTableColumns columns, S context) {
    seen.add(columns.getTable()); // r.* names an alias or a table already in the FROM clause
    return null;
  }

  /** The clauses every kind of query may end with. */
  private void tail(Select select) {
    orderBy(select.getOrderByElements());
    if (select.getForUpdateTable() != null) {
      seen.add(select.getForUpdateTable()); // FOR UPDATE OF r1_0 names an alias
    }
  }

  // ---------------------------------------------------------------------------------------------
  // CTE scopes

  private void withScope(List<WithItem<?>> items, Runnable body) {
    if (items == null || items.isEmpty()) {
      body.run();
      return;
    }
    Set<String> scope = new HashSet<>();
    if (items.stream().anyMatch(WithItem::isRecursive)) {
      items.forEach(item -> scope.add(cteName(item)));
    }
    cteScopes.push(scope);
    try {
      for (WithItem<?> item : items) {
        withBody(item);
        scope.add(cteName(item));
      }
      body.run();
    } finally {
      cteScopes.pop();
    }
  }

  private String cteName(WithItem<?> item) {
    String name = TableNames.part(item.getAlias().getName());
    allCteNames.add(name);
    return name;
  }

  /** A CTE's body: a query, or in PostgreSQL a data-modifying statement whose target is written. */
  private void withBody(WithItem<?> item) {
    ParenthesedStatement body = item.getParenthesedStatement();
    if (body instanceof ParenthesedSelect) {
      visit((ParenthesedSelect) body, null);
    } else if (body instanceof ParenthesedInsert) {
      insert(((ParenthesedInsert) body).getInsert());
    } else if (body instanceof ParenthesedUpdate) {
      update(((ParenthesedUpdate) body).getUpdate());
    } else if (body instanceof ParenthesedDelete) {
      delete(((ParenthesedDelete) body).getDelete());
    }
  }

  private boolean isCte(Table table) {
    if (table.getNameParts().size() > 1 || cteScopes.isEmpty()) {
      return false;
    }
    String name = TableNames.part(table.getName());
    for (Set<String> scope : cteScopes) {
      if (scope.contains(name)) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  private void write(Table table) {
    if (table != null) {
      seen.add(table);
      writes.add(name(table));
    }
  }

  /** SQL Server's {@code OUTPUT ... INTO audit} writes its table. */
  private void output(OutputClause output) {
    if (output != null) {
      write(output.getOutputTable());
    }
  }

  /** Oracle's {@code RETURNING ... INTO :a, :b} names variables, which the parser reads as tables. */
  private void returning(ReturningClause returning) {
    if (returning != null && returning.getDataItems() != null) {
      for (Object item : returning.getDataItems()) {
        if (item instanceof Table) {
          seen.add((Table) item);
        }
      }
    }
  }

  private void unknown(String why) {
    writesUnknown = true;
    reason = why;
  }

  private String name(Table table) {
    return TableNames.of(table, keepSchema);
  }

  private void fromItem(FromItem item) {
    if (item != null) {
      item.accept((FromItemVisitor<Void>) this, null);
    }
  }

  private void joins(List<Join> joins) {
    if (joins != null) {
      for (Join join : joins) {
        fromItem(join.getRightItem());
        join.getOnExpressions().forEach(this::expression);
      }
    }
  }

  private void expression(Expression expression) {
    if (expression != null) {
      expression.accept(this, null);
    }
  }

  private void expression(ExpressionList<?> expressions) {
    if (expressions != null) {
      expressions.accept(this, null);
    }
  }

  private void updateSets(Collection<UpdateSet> sets) {
    if (sets != null) {
      for (UpdateSet set : sets) {
        expression(set.getValues());
      }
    }
  }

  private void orderBy(List<OrderByElement> elements) {
    if (elements != null) {
      for (OrderByElement element : elements) {
        expression(element.getExpression());
      }
    }
  }

  /** The safety net: every table node of the syntax tree that the walk did not meet is read. */
  private void sweep(Node root) {
    if (root == null) {
      return;
    }
    Deque<Node> pending = new ArrayDeque<>();
    pending.push(root);
    while (!pending.isEmpty()) {
      Node node = pending.pop();
      if (node instanceof SimpleNode && ((SimpleNode) node).getId() == CCJSqlParserTreeConstants.JJTTABLENAME) {
        Object value = ((SimpleNode) node).jjtGetValue();
        if (value instanceof Table && !seen.contains(value)) {
          Table table = (Table) value;
          String name = TableNames.part(table.getName());
          if (table.getNameParts().size() > 1 || !allCteNames.contains(name)) {
            reads.add(name(table));
          }
        }
      }
      for (int i = node.jjtGetNumChildren() - 1; i >= 0; i--) {
        pending.push(node.jjtGetChild(i));
      }
    }
  }
}
