import datetime as dt

from gateway.retention import purge_expired
from gateway.storage import ConsentRecord, Conversation, HandoffRequest, StoredNumber, session_scope
from lantern.cli import migrate_database
from lantern.settings import Settings

NOW = dt.datetime(2026, 11, 24, tzinfo=dt.UTC)


def test_only_data_older_than_the_retention_period_is_removed(tmp_path):
    settings = Settings(data_dir=tmp_path)
    migrate_database(settings)
    old, recent = NOW - dt.timedelta(days=31), NOW - dt.timedelta(days=1)
    with session_scope(settings.sqlalchemy_url) as db:
        for sender, when in (("web-old", old), ("web-new", recent)):
            db.add(Conversation(sender_id=sender, channel="web", language="en", jurisdiction="intl",
                                last_buttons=[], pending_pages=[], created_at=when, updated_at=when))  # fmt: skip
            db.add(HandoffRequest(sender_id=sender, language="en", reason="requested", created_at=when))
            db.add(ConsentRecord(sender_id=sender, purpose="keep_number", granted=True, notice_version="v",
                                 language="en", answered_at=when))  # fmt: skip
            db.add(StoredNumber(sender_id=sender, ciphertext=b"sealed", stored_at=when))
    with session_scope(settings.sqlalchemy_url) as db:
        assert purge_expired(db, 30, now=NOW) == {
            "conversations": 1,
            "handoff_requests": 1,
            "stored_numbers": 1,
            "consents": 1,
        }
    with session_scope(settings.sqlalchemy_url) as db:
        assert [c.sender_id for c in db.query(Conversation)] == ["web-new"]
        assert [r.sender_id for r in db.query(HandoffRequest)] == ["web-new"]
        assert [r.sender_id for r in db.query(ConsentRecord)] == ["web-new"]
        assert [r.sender_id for r in db.query(StoredNumber)] == ["web-new"]
