namespace ImAudit.Engine.Reports.Html;

/// <summary>
/// The pages' one script, plain and inline. The findings view's state lives in the URL's fragment
/// (<c>q</c> text, <c>sev</c> minimum severity, <c>drift</c>, <c>group</c>), read on load and on every change of the
/// fragment, written back as the controls change: a view can be bookmarked and sent on. A fragment without <c>=</c>
/// is an anchor (<c>#rule-IMA301</c>) and leaves the view alone. A value that is not valid percent-encoding is taken
/// as typed. The page records its own width (<c>data-scroll-width</c>, <c>data-client-width</c> on the root).
/// </summary>
internal static class HtmlScript
{
    public const string Js = """
        (function(){
          var d=document,root=d.documentElement;
          function measure(){root.setAttribute('data-scroll-width',root.scrollWidth);root.setAttribute('data-client-width',root.clientWidth);}
          var table=d.getElementById('findings-table');
          if(!table){measure();window.addEventListener('resize',measure);return;}
          var q=d.getElementById('q'),sev=d.getElementById('sev'),drift=d.getElementById('drift-filter'),group=d.getElementById('group'),shown=d.getElementById('shown');
          var body=table.tBodies[0],levels=['info','low','medium','high','critical'];
          var rows=Array.prototype.slice.call(body.querySelectorAll('tr.finding')),order=rows.slice(),sortKey=null,asc=false;
          function param(name){var m=new RegExp('[#&]'+name+'=([^&]*)').exec(location.hash);if(!m)return null;try{return decodeURIComponent(m[1]);}catch(e){return m[1];}}
          function choose(select,value){if(!select)return;var ok=Array.prototype.some.call(select.options,function(o){return o.value===value;});select.value=ok?value:select.options[0].value;}
          function read(){
            if(location.hash.indexOf('=')<0)return false;
            q.value=param('q')||'';choose(sev,param('sev')||'info');choose(drift,param('drift')||'');choose(group,param('group')||'');
            return true;
          }
          function write(){
            var parts=[];
            if(q.value)parts.push('q='+encodeURIComponent(q.value));
            if(sev.value!=='info')parts.push('sev='+sev.value);
            if(drift&&drift.value)parts.push('drift='+drift.value);
            if(group.value)parts.push('group='+group.value);
            try{history.replaceState(null,'',parts.length?'#'+parts.join('&'):location.pathname+location.search);}catch(e){}
          }
          function resource(r){var c=r.querySelector('code.res');return c?c.textContent:'';}
          function value(r,k){return k==='resource'?resource(r):k==='sev'?+r.dataset.sev:r.dataset[k];}
          function principal(r){var a=resource(r);return /^arn:[^:]*:iam::[^:]*:(user|role|group)\//.test(a)?a:'(not a principal)';}
          function key(r,by){return by==='principal'?principal(r):by==='rule'?r.dataset.rule:resource(r);}
          function visible(r,text,min,dv){
            var dr=r.dataset.drift||'';
            var okDrift=dv==='all'||(dv===''?dr!=='resolved':dr===dv);
            return okDrift&&parseInt(r.dataset.sev,10)>=min&&(text===''||r.textContent.toLowerCase().indexOf(text)>=0);
          }
          function heading(by,k,n){
            var tr=d.createElement('tr'),th=d.createElement('th');tr.className='group';th.colSpan=5;
            if(by==='rule'){var a=d.createElement('a');a.href='#rule-'+k;a.textContent=k;th.appendChild(a);var s=d.getElementById('rule-'+k);var t=s&&s.querySelector('h3');if(t)th.appendChild(d.createTextNode(' — '+t.textContent.replace(/^\S+\s+/,'')));}
            else{var c=d.createElement('code');c.textContent=k;th.appendChild(c);}
            var m=d.createElement('span');m.className='meta';m.textContent=' ('+n+')';th.appendChild(m);tr.appendChild(th);return tr;
          }
          function apply(){
            var text=q.value.toLowerCase(),min=levels.indexOf(sev.value),dv=drift?drift.value:'',by=group.value,n=0;
            if(min<0)min=0;
            Array.prototype.slice.call(body.querySelectorAll('tr.group')).forEach(function(g){body.removeChild(g);});
            var list=order.slice();
            list.forEach(function(r){var ok=visible(r,text,min,dv);r.hidden=!ok;if(ok)n++;});
            var keys=new Map();
            if(by){var pos=new Map();list.forEach(function(r,i){pos.set(r,i);keys.set(r,key(r,by));});list.sort(function(a,b){var x=keys.get(a),y=keys.get(b);return x<y?-1:x>y?1:pos.get(a)-pos.get(b);});}
            var frag=d.createDocumentFragment(),current=null,members=[];
            function flush(){if(current===null)return;var c=members.filter(function(r){return !r.hidden;}).length;if(c>0)frag.appendChild(heading(by,current,c));members.forEach(function(r){frag.appendChild(r);});}
            list.forEach(function(r){if(by){var k=keys.get(r);if(k!==current){flush();current=k;members=[];}members.push(r);}else frag.appendChild(r);});
            if(by)flush();
            body.appendChild(frag);
            shown.textContent=n+' of '+rows.length+' shown';
            root.setAttribute('data-view',location.hash.indexOf('=')<0?'':location.hash.slice(1));
            measure();
          }
          read();
          [q,sev,drift,group].forEach(function(c){if(c)c.addEventListener(c===q?'input':'change',function(){write();apply();});});
          window.addEventListener('hashchange',function(){if(read())apply();});
          window.addEventListener('resize',measure);
          d.querySelectorAll('#findings-table th[data-key]').forEach(function(th){
            th.addEventListener('click',function(){
              var k=th.dataset.key;asc=sortKey===k?!asc:true;sortKey=k;
              var v=new Map();rows.forEach(function(r){v.set(r,value(r,k));});
              order=rows.slice().sort(function(a,b){var x=v.get(a),y=v.get(b);return (x<y?-1:x>y?1:0)*(asc?1:-1);});
              apply();
            });
          });
          apply();
        })();
        """;
}
