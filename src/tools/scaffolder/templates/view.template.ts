import type { Frontend } from '../../../modules/base.ts';
import type { ScaffoldContext } from '../scaffold-context.ts';

/**
 * `templates/<code>/<frontend>/index.njk`: the page, inside the frontend's
 * shared layout (`layout`, set by the view layer). Texts come from the
 * module's locales; the list works without the script, which only adds a filter.
 */
export function renderView(c: ScaffoldContext, frontend: Frontend): string {
  return `{% extends layout %}

{% block title %}{{ t('${c.code}:title') }}{% endblock %}
{% block scripts %}<script src="{{ moduleStatic('${c.code}', '${frontend}/js/${c.code}.js') }}" defer></script>{% endblock %}

{% block page_title %}{{ t('${c.code}:title') }}{% endblock %}
{% block page_subtitle %}{{ t('${c.code}:page.subtitle', { count: items | length }) }}{% endblock %}

{% block content %}
<section class="card" data-${c.code}-list>
  <label class="visually-hidden" for="${c.code}-filter">{{ t('${c.code}:page.filter') }}</label>
  <input class="input" id="${c.code}-filter" type="search" placeholder="{{ t('${c.code}:page.filter') }}" autocomplete="off" data-${c.code}-filter hidden>
  {% if items | length %}
  <ul role="list">
    {% for item in items %}
    <li data-${c.code}-item>{{ item.name }}</li>
    {% endfor %}
  </ul>
  {% else %}
  <p class="text-muted">{{ t('${c.code}:page.empty') }}</p>
  {% endif %}
</section>
{% endblock %}
`;
}
