-- Stage 7: the sales rollups (sql/schema/1030), built once from the loaded lines: the load ran without triggers.
SELECT retail.rebuild_sales_rollups();
