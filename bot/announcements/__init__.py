"""Announcements to subscribed residents: composing, pacing and resumable delivery."""
