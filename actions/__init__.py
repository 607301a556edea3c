"""Lantern's custom actions (rasa-sdk), sharing the application's code and storage."""
