-- A version a later correction replaced keeps only its hash and metadata: its text may hold the
-- body of an item the correction closed. Successfully parsed documents no meeting is built from
-- are exactly those versions (lib/ingest/write-meeting.ts empties them from now on).
UPDATE "SourceDocument" d SET "text" = ''
WHERE d."status" = 'ok' AND d."text" <> '' AND NOT EXISTS (SELECT 1 FROM "Meeting" m WHERE m."sourceDocumentId" = d.id);
