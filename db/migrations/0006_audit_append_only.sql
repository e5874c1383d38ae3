-- audit_snapshots is append-only for EVERY role. A trigger rather than REVOKE: the app connects as the table's owner
-- in local and test databases (and may on Neon), and an owner keeps UPDATE/DELETE whatever is revoked from others;
-- a trigger refuses the owner and superusers too. Only deliberate DDL (dropping or disabling the trigger) gets past
-- it, and the hash chain (`fairline audit verify`) catches any row changed that way.
CREATE FUNCTION audit_snapshots_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_snapshots is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_snapshots_no_update_delete BEFORE UPDATE OR DELETE ON audit_snapshots
  FOR EACH ROW EXECUTE FUNCTION audit_snapshots_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_snapshots_no_truncate BEFORE TRUNCATE ON audit_snapshots
  FOR EACH STATEMENT EXECUTE FUNCTION audit_snapshots_append_only();
