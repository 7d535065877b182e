"""The three role groups. Their permissions are set after every migrate by roles.sync_groups, since
the permissions of later apps' models do not exist yet when this migration runs."""

from django.db import migrations

GROUP_NAMES = ["信息员", "审核发布员", "政务公开办"]  # frozen copy of roles.GROUP_NAMES


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in GROUP_NAMES:
        Group.objects.get_or_create(name=name)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUP_NAMES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
